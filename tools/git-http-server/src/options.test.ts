import { parseOptions } from './options';

describe('parseOptions', () => {
  it('takes the repository, and any free port by default', () => {
    expect(parseOptions(['--repository', 'r.git'])).toEqual({
      repository: 'r.git',
      port: 0,
    });
    expect(parseOptions(['--repository=r.git', '--port', '8080'])).toEqual({
      repository: 'r.git',
      port: 8080,
    });
  });

  it.each([
    [[], /--repository is required[\s\S]*Usage:/],
    [['--repository', 'r.git', '--port', 'http'], /--port must be a port/],
    [['--repository', 'r.git', '--port', '70000'], /--port must be a port/],
    [['--repository', 'r.git', '--port', '-1'], /Usage:/],
    [['--repo', 'r.git'], /Unknown option '--repo'[\s\S]*Usage:/],
    [['r.git'], /Unexpected argument 'r.git'[\s\S]*Usage:/],
  ])('refuses %p, saying why', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it('asks for the usage with --help', () => {
    expect(parseOptions(['--help'])).toBe('help');
  });
});
