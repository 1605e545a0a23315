/*
 * Prints the summary table of one `yarn bench all` run, from the JSON each
 * benchmark wrote. Called by scripts/bench.sh as
 * `summary <run> <benchmark>=<exit code> ...`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { BenchmarkResults } from './lib/figures';
import { resultsFile } from './lib/resultsFile';
import { RunOutcome, summaryTable } from './lib/summaryTable';

function outcomeOf(run: string, argument: string): RunOutcome {
  const [benchmark, code] = argument.split('=');
  const file = resultsFile(benchmark, run);
  if (code !== '0') {
    return { benchmark, failed: `failed (exit code ${code}): see its output` };
  }
  if (!existsSync(file)) {
    return { benchmark, failed: 'wrote no figures' };
  }
  return {
    benchmark,
    results: JSON.parse(readFileSync(file, 'utf8')) as BenchmarkResults,
  };
}

const [run, ...benchmarks] = process.argv.slice(2);
const outcomes = benchmarks.map(b => outcomeOf(run, b));
console.log(`\nsummary of run ${run}`);
for (const line of summaryTable(outcomes)) {
  console.log(line);
}
