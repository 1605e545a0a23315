/*
 * How long meshifi:gitops:publish's work (GitOpsRepository.publishFile) takes
 * against GitOps repositories of 10, 1,000 and 10,000 products, served by a
 * real smart-HTTP git server on loopback. The cost must not grow with the
 * repository: fetches are shallow and incremental, commits rewrite only the
 * trees along their path. Prints figures and the ratio to the smallest
 * repository, measured in this run.
 *
 * Run: yarn bench publish   (--quick: 10 and 1,000 products; see bench/README.md)
 */
import { GitOpsRepository } from '@meshifi/node';
import { createBareRepository, startGitHttpServer } from '@meshifi/test-utils';
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { recordFigures } from './lib/figures';
import { commitFiles } from './lib/gitFastImport';
import { setting, size } from './lib/runMode';
import { percentile } from './lib/stats';

const SIZES = setting('products in each repository', {
  full: [10, 1_000, 10_000],
  quick: [10, 1_000],
  dry: [10],
});
const DOMAINS = 20;
const PUBLISHES = size('publishes after the first', {
  full: 15,
  quick: 8,
  dry: 1,
});

/** Adds `count` product files to the repository's main branch in one commit. */
function seed(repo: string, count: number) {
  commitFiles(
    repo,
    Array.from({ length: count }, (_, i) => [
      `domains/domain-${i % DOMAINS}/products/product-${i}.yaml`,
      `apiVersion: meshifi.io/v1alpha1\nkind: DataProduct\nmetadata:\n  name: product-${i}\n`,
    ]),
  );
}

async function measure(size: number) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'meshifi-bench-'));
  const server = await startGitHttpServer(path.join(root, 'server'));
  try {
    const remote = await createBareRepository(
      path.join(root, 'server'),
      'gitops.git',
    );
    seed(remote, size);
    const repository = new GitOpsRepository({
      remote: server.url('gitops.git'),
      branch: 'main',
      mirrorDir: path.join(root, 'mirror'),
      author: { name: 'bench', email: 'bench@localhost' },
    });
    const publish = async (i: number) => {
      const started = process.hrtime.bigint();
      await repository.publishFile({
        path: `domains/domain-${i % DOMAINS}/products/new-${i}.yaml`,
        content: `kind: DataProduct\nmetadata:\n  name: new-${i}\n`,
        message: `Add new-${i}`,
        ifExists: () => new Error('exists'),
      });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const first = await publish(0);
    const steady: number[] = [];
    for (let i = 1; i <= PUBLISHES; i++) {
      steady.push(await publish(i));
    }
    return {
      size,
      first,
      median: percentile(steady, 50),
      max: Math.max(...steady),
    };
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const started = Date.now();
  const results = [];
  for (const size of SIZES) {
    results.push(await measure(size));
  }
  const base = results[0];
  console.log(
    `publish to the GitOps repository (${PUBLISHES} publishes after the first, over smart HTTP on loopback)`,
  );
  console.log(
    'products   first publish (cold mirror)   steady median   steady max   median / 10-product median',
  );
  for (const r of results) {
    console.log(
      `${String(r.size).padStart(8)}   ${r.first
        .toFixed(0)
        .padStart(20)} ms   ${r.median.toFixed(1).padStart(10)} ms   ${r.max
        .toFixed(0)
        .padStart(7)} ms   ${(r.median / base.median)
        .toFixed(2)
        .padStart(10)}x`,
    );
  }
  const largest = results[results.length - 1];
  recordFigures({
    benchmark: 'publish',
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    sizes: { products: SIZES, publishes: PUBLISHES },
    figures: [
      {
        figure: `steady publish median, ${largest.size} products`,
        unit: 'ms',
        meshifi: largest.median,
        baseline: base.median,
        baselineIs: `${base.size} products`,
      },
    ],
    details: results,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
