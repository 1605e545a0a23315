/*
 * The one table `yarn bench all` ends with: every figure of every benchmark
 * of a run, with the baseline, the ratio and the goal where there is one.
 */
import type { BenchmarkResults, Figure, Goal, Unit } from './figures';

const decimals: Record<Unit, number> = {
  ms: 1,
  s: 2,
  µs: 0,
  MB: 0,
  calls: 2,
  'requests/min': 1,
};

const value = (n: number | undefined, unit: Unit) =>
  n === undefined || Number.isNaN(n)
    ? '–'
    : `${n.toFixed(decimals[unit])} ${unit}`;

const ratioOf = (f: Figure) =>
  f.baseline === undefined || f.baseline === 0
    ? undefined
    : f.meshifi / f.baseline;

function goalCell(f: Figure, goal: Goal | undefined): string {
  if (!goal) {
    return '';
  }
  if ('atMost' in goal) {
    const met = f.meshifi <= goal.atMost;
    return `≤ ${value(goal.atMost, f.unit)}: ${met ? 'met' : 'NOT met'}`;
  }
  const ratio = ratioOf(f);
  const met = ratio !== undefined && ratio <= goal.ratioAtMost;
  return `ratio ≤ ${goal.ratioAtMost}x: ${met ? 'met' : 'NOT met'}`;
}

/** A benchmark of the run, with its figures, or why it has none. */
export type RunOutcome =
  | { benchmark: string; results: BenchmarkResults }
  | { benchmark: string; failed: string };

export function summaryTable(outcomes: RunOutcome[]): string[] {
  const header = [
    'benchmark',
    'figure',
    'meshifi',
    'baseline',
    'ratio',
    'goal',
  ];
  const rows: string[][] = [];
  for (const outcome of outcomes) {
    if ('failed' in outcome) {
      rows.push([outcome.benchmark, outcome.failed, '', '', '', '']);
      continue;
    }
    for (const f of outcome.results.figures) {
      const ratio = ratioOf(f);
      rows.push([
        outcome.benchmark,
        f.baselineIs ? `${f.figure} (baseline: ${f.baselineIs})` : f.figure,
        value(f.meshifi, f.unit),
        value(f.baseline, f.unit),
        ratio === undefined ? '' : `${ratio.toFixed(2)}x`,
        goalCell(f, f.goal),
      ]);
    }
  }
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ];
}
