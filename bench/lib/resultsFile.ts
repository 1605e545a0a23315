/*
 * Where a benchmark's figures go: bench/results/<benchmark>-<run>.json
 * (ignored by git), one file a benchmark and run, so that two runs can be
 * compared.
 */
import path from 'node:path';
import { repositoryRoot } from './repositoryRoot';

/** The run `yarn bench` names: one for all benchmarks of `yarn bench all`. */
export const runId =
  process.env.MESHIFI_BENCH_RUN ??
  new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');

export const resultsDir = path.join(repositoryRoot, 'bench', 'results');

export const resultsFile = (benchmark: string, run: string) =>
  path.join(resultsDir, `${benchmark}-${run}.json`);
