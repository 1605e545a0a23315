/*
 * How big a benchmark run is, chosen on the command line:
 *
 * - full (no flag): the sizes each benchmark's figures are quoted at;
 * - `--quick`: reduced sizes, so that `yarn bench all --quick` stays short;
 * - `--dry`: the setup and one iteration, to prove the benchmark still runs;
 *   no figures are claimed.
 *
 * A benchmark's own environment variable (e.g. MESHIFI_BENCH_PRODUCTS)
 * overrides the size in any mode. Every size is printed, so that a figure is
 * never read without the size it was measured at.
 */

export type RunMode = 'full' | 'quick' | 'dry';

const flags = process.argv.slice(2);
for (const flag of flags) {
  if (flag !== '--quick' && flag !== '--dry') {
    throw new Error(`unknown option ${flag}: use --quick, --dry or neither`);
  }
}

/** `--dry` wins over `--quick`: `yarn bench all --quick --dry` is a dry run. */
export const runMode: RunMode = flags.includes('--dry')
  ? 'dry'
  : flags.includes('--quick')
  ? 'quick'
  : 'full';

export const isDryRun = runMode === 'dry';

/** A size of each mode. */
export type Sizes<T> = Record<RunMode, T>;

/**
 * The size `label` has in this run: the mode's, or the number in the
 * environment variable `override` when it is set. Printed once.
 */
export function size(label: string, sizes: Sizes<number>, override?: string) {
  const raw = override ? process.env[override] : undefined;
  if (raw !== undefined && raw !== '') {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${override}=${raw}: give a whole number of 1 or more`);
    }
    console.log(`size: ${label} = ${value} (from ${override})`);
    return value;
  }
  console.log(`size: ${label} = ${sizes[runMode]} (${runMode})`);
  return sizes[runMode];
}

/** A setting of this mode that is not a count, printed like a size. */
export function setting<T>(label: string, values: Sizes<T>): T {
  const value = values[runMode];
  console.log(`size: ${label} = ${JSON.stringify(value)} (${runMode})`);
  return value;
}
