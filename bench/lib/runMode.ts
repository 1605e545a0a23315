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

/**
 * The mode the options of a benchmark's command line choose (the arguments
 * after the script's name). `--dry` wins over `--quick`:
 * `yarn bench all --quick --dry` is a dry run.
 */
export function runModeOf(options: readonly string[]): RunMode {
  for (const option of options) {
    if (option !== '--quick' && option !== '--dry') {
      throw new Error(
        `unknown option ${option}: use --quick, --dry or neither`,
      );
    }
  }
  if (options.includes('--dry')) {
    return 'dry';
  }
  return options.includes('--quick') ? 'quick' : 'full';
}

/** The mode of this run, from its command line. */
export const runMode: RunMode = runModeOf(process.argv.slice(2));

export const isDryRun = runMode === 'dry';

/** A size of each mode. */
export type Sizes<T> = Record<RunMode, T>;

/** A size chosen for a run, and the line that says where it comes from. */
export interface ChosenSize {
  value: number;
  line: string;
}

/**
 * The size `label` has in a run of `mode`: the mode's, or the number in the
 * environment variable `override.name` when it is set (an empty value is
 * not set). Anything but a whole number of 1 or more is refused: a run at a
 * size nobody asked for would be quoted as if someone had.
 */
export function chooseSize(
  mode: RunMode,
  label: string,
  sizes: Sizes<number>,
  override?: { name: string; value: string | undefined },
): ChosenSize {
  const raw = override?.value;
  if (!override || raw === undefined || raw === '') {
    return {
      value: sizes[mode],
      line: `size: ${label} = ${sizes[mode]} (${mode})`,
    };
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `${override.name}=${raw}: give a whole number of 1 or more`,
    );
  }
  return { value, line: `size: ${label} = ${value} (from ${override.name})` };
}

/**
 * The size `label` has in this run: the mode's, or the number in the
 * environment variable `override` when it is set. Printed once.
 */
export function size(label: string, sizes: Sizes<number>, override?: string) {
  const chosen = chooseSize(
    runMode,
    label,
    sizes,
    override ? { name: override, value: process.env[override] } : undefined,
  );
  console.log(chosen.line);
  return chosen.value;
}

/** A setting of this mode that is not a count, printed like a size. */
export function setting<T>(label: string, values: Sizes<T>): T {
  const value = values[runMode];
  console.log(`size: ${label} = ${JSON.stringify(value)} (${runMode})`);
  return value;
}
