import fc from 'fast-check';
import type * as RunModeModule from './runMode';

const SIZES = { full: 10_000, quick: 1_000, dry: 1 };
const OVERRIDE = 'MESHIFI_BENCH_PRODUCTS';

/**
 * runMode.ts as a benchmark started with `options` loads it: the module
 * reads the command line when it is loaded, so each load is a fresh one.
 */
async function loadWith(options: string[]): Promise<typeof RunModeModule> {
  const argv = process.argv;
  process.argv = ['node', 'catalog-ingest.bench.js', ...options];
  try {
    let loaded: typeof RunModeModule | undefined;
    await jest.isolateModulesAsync(async () => {
      loaded = await import('./runMode');
    });
    return loaded!;
  } finally {
    process.argv = argv;
  }
}

let runModeOf: typeof RunModeModule.runModeOf;
let chooseSize: typeof RunModeModule.chooseSize;

beforeAll(async () => {
  ({ runModeOf, chooseSize } = await loadWith([]));
});

describe('runModeOf', () => {
  it('is a full run without options', () => {
    expect(runModeOf([])).toBe('full');
  });

  it('is a quick run with --quick', () => {
    expect(runModeOf(['--quick'])).toBe('quick');
  });

  it('is a dry run with --dry, and with both in either order', () => {
    expect(runModeOf(['--dry'])).toBe('dry');
    expect(runModeOf(['--quick', '--dry'])).toBe('dry');
    expect(runModeOf(['--dry', '--quick'])).toBe('dry');
  });

  it('refuses an option it does not know, naming it and the ones it knows', () => {
    expect(() => runModeOf(['--quick', '--fast'])).toThrow(
      'unknown option --fast: use --quick, --dry or neither',
    );
    expect(() => runModeOf(['quick'])).toThrow('unknown option quick');
  });

  it('refuses any other option among known ones', () => {
    const known = fc.constantFrom('--quick', '--dry');
    const unknown = fc
      .string()
      .filter(option => option !== '--quick' && option !== '--dry');
    fc.assert(
      fc.property(
        fc.array(known),
        unknown,
        fc.array(known),
        (before, option, after) => {
          expect(() => runModeOf([...before, option, ...after])).toThrow(
            `unknown option ${option}`,
          );
        },
      ),
    );
  });

  it('is dry exactly when --dry is given, else quick exactly when --quick is', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('--quick', '--dry')), options => {
        // --dry wins over --quick, which wins over nothing.
        let expected: RunModeModule.RunMode = 'full';
        if (options.includes('--quick')) {
          expected = 'quick';
        }
        if (options.includes('--dry')) {
          expected = 'dry';
        }
        expect(runModeOf(options)).toBe(expected);
      }),
    );
  });
});

describe('chooseSize', () => {
  it("takes the mode's size and says so when there is no override", () => {
    expect(chooseSize('quick', 'products', SIZES)).toEqual({
      value: 1_000,
      line: 'size: products = 1000 (quick)',
    });
    expect(
      chooseSize('full', 'products', SIZES, {
        name: OVERRIDE,
        value: undefined,
      }),
    ).toEqual({ value: 10_000, line: 'size: products = 10000 (full)' });
  });

  it('ignores an override set to the empty string', () => {
    expect(
      chooseSize('dry', 'products', SIZES, { name: OVERRIDE, value: '' }),
    ).toEqual({ value: 1, line: 'size: products = 1 (dry)' });
  });

  it('takes the number of the override in any mode, and names the variable', () => {
    for (const mode of ['full', 'quick', 'dry'] as const) {
      expect(
        chooseSize(mode, 'products', SIZES, { name: OVERRIDE, value: '250' }),
      ).toEqual({
        value: 250,
        line: 'size: products = 250 (from MESHIFI_BENCH_PRODUCTS)',
      });
    }
  });

  it.each(['0', '-5', '2.5', 'ten', ' ', 'NaN', 'Infinity'])(
    'refuses the override %j, naming the variable and what it takes',
    value => {
      expect(() =>
        chooseSize('full', 'products', SIZES, { name: OVERRIDE, value }),
      ).toThrow(`${OVERRIDE}=${value}: give a whole number of 1 or more`);
    },
  );

  it('takes any whole number of 1 or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1 }), n => {
        const chosen = chooseSize('quick', 'products', SIZES, {
          name: OVERRIDE,
          value: String(n),
        });
        expect(chosen.value).toBe(n);
        expect(chosen.line).toBe(`size: products = ${n} (from ${OVERRIDE})`);
      }),
    );
  });

  it('refuses any number below 1 and any that is not whole', () => {
    const refused = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double().filter(n => !Number.isInteger(n)),
    );
    fc.assert(
      fc.property(refused, n => {
        expect(() =>
          chooseSize('quick', 'products', SIZES, {
            name: OVERRIDE,
            value: String(n),
          }),
        ).toThrow('give a whole number of 1 or more');
      }),
    );
  });
});

describe('a benchmark loading runMode', () => {
  const env = process.env[OVERRIDE];
  let log: jest.SpyInstance;

  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => {});
  });

  afterEach(() => {
    log.mockRestore();
    if (env === undefined) {
      delete process.env[OVERRIDE];
    } else {
      process.env[OVERRIDE] = env;
    }
  });

  it('runs in the mode of its command line', async () => {
    expect((await loadWith([])).runMode).toBe('full');
    const quick = await loadWith(['--quick']);
    expect(quick.runMode).toBe('quick');
    expect(quick.isDryRun).toBe(false);
    const dry = await loadWith(['--quick', '--dry']);
    expect(dry.runMode).toBe('dry');
    expect(dry.isDryRun).toBe(true);
  });

  it('stops at once on an option it does not know', async () => {
    await expect(loadWith(['--quik'])).rejects.toThrow('unknown option --quik');
  });

  it("prints and returns its mode's size, or the environment's", async () => {
    const { size } = await loadWith(['--quick']);
    delete process.env[OVERRIDE];
    expect(size('products', SIZES, OVERRIDE)).toBe(1_000);
    process.env[OVERRIDE] = '42';
    expect(size('products', SIZES, OVERRIDE)).toBe(42);
    expect(size('domains', { full: 20, quick: 5, dry: 1 })).toBe(5);
    expect(log.mock.calls).toEqual([
      ['size: products = 1000 (quick)'],
      ['size: products = 42 (from MESHIFI_BENCH_PRODUCTS)'],
      ['size: domains = 5 (quick)'],
    ]);
  });

  it('prints and returns the setting of its mode', async () => {
    const { setting } = await loadWith(['--dry']);
    expect(setting('rates', { full: [1, 10], quick: [1], dry: [1] })).toEqual([
      1,
    ]);
    expect(log).toHaveBeenCalledWith('size: rates = [1] (dry)');
  });
});
