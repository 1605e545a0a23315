import { parseOptions } from './options';

describe('parseOptions', () => {
  it('waits 2 s by default and takes the cluster from the environment', () => {
    expect(parseOptions([], {})).toEqual({ delayMs: 2000 });
  });

  it('takes the delay from the flag before the environment', () => {
    const env = { MESHIFI_STAND_IN_DELAY_MS: '500' };
    expect(parseOptions([], env)).toEqual({ delayMs: 500 });
    expect(parseOptions(['--delay-ms', '0'], env)).toEqual({ delayMs: 0 });
    expect(parseOptions(['--delay-ms=750', '--kubeconfig', 'kc'], env)).toEqual(
      { delayMs: 750, kubeconfig: 'kc' },
    );
  });

  it.each([
    [['--delay-ms', 'soon'], {}, /--delay-ms must be a whole number/],
    [[], { MESHIFI_STAND_IN_DELAY_MS: '-1' }, /MESHIFI_STAND_IN_DELAY_MS/],
    [['--delay'], {}, /Unknown option '--delay'[\s\S]*Usage:/],
    [['extra'], {}, /Unexpected argument 'extra'[\s\S]*Usage:/],
  ])('refuses %p %p, saying why', (argv, env, message) => {
    expect(() => parseOptions(argv, env)).toThrow(message);
  });

  it('asks for the usage with --help', () => {
    expect(parseOptions(['--help'], {})).toBe('help');
  });
});
