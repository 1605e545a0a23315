/*
 * What a benchmark claims, in one shape for every benchmark: each figure
 * with meshifi's value, the baseline's value measured in the same run, and
 * the goal where the benchmark has one. recordFigures writes them, with the
 * benchmark's details, to its results file (see resultsFile), so that two
 * runs can be compared and `yarn bench all` can print one table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repositoryRoot } from './repositoryRoot';
import { resultsDir, resultsFile, runId } from './resultsFile';
import { isDryRun, runMode, RunMode } from './runMode';

export type Unit = 'ms' | 's' | 'µs' | 'MB' | 'calls' | 'requests/min';

/** A bound the benchmark's header states for a figure. */
export type Goal =
  /** meshifi's value is at most this. */
  | { atMost: number }
  /** meshifi's value divided by the baseline's is at most this. */
  | { ratioAtMost: number };

export interface Figure {
  /** What is measured, e.g. "time to ready, p95". */
  figure: string;
  unit: Unit;
  meshifi: number;
  /** The same measurement of the baseline, in the same run. */
  baseline?: number;
  /** What the baseline is, e.g. "5 s polling". */
  baselineIs?: string;
  goal?: Goal;
}

export interface BenchmarkResults {
  benchmark: string;
  run: string;
  mode: RunMode;
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; loadAverage: number[] };
  /** The sizes and settings the figures were measured at. */
  sizes: Record<string, unknown>;
  figures: Figure[];
  /** Everything else the benchmark measured. */
  details?: unknown;
}

/**
 * Writes a benchmark's figures and says where. A dry run proves only that
 * the benchmark runs: it writes nothing.
 */
export function recordFigures(
  results: Omit<BenchmarkResults, 'run' | 'mode' | 'machine'>,
): void {
  if (isDryRun) {
    console.log(`\n${results.benchmark}: dry run done, no figures claimed`);
    return;
  }
  const full: BenchmarkResults = {
    ...results,
    run: runId,
    mode: runMode,
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
  };
  mkdirSync(resultsDir, { recursive: true });
  const file = resultsFile(results.benchmark, runId);
  writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  console.log(
    `\n${results.benchmark} took ${(results.durationSeconds / 60).toFixed(
      1,
    )} min; figures in ${path.relative(repositoryRoot, file)}`,
  );
}
