/*
 * The meshifi CLI on a GitOps repository of 10,000 products over 20
 * domains, written by the model's own manifest builders and committed with
 * git, run as a user runs it (the bundled binary, a process of its own):
 *
 * - `meshifi validate`: its time and peak memory, against
 *   `crossplane beta validate` of the same files against meshifi's XRDs in
 *   the same run. The baseline checks the schema only; validate checks every
 *   rule of the model (layout, path equals content, names, uniqueness across
 *   domains, file limits). Goal: under 10 s at 10,000 products.
 * - `meshifi plan --base HEAD~1` after one commit that changes the owners of
 *   100 products: its time and peak memory (no baseline).
 *
 * Times are wall-clock medians of the runs; peak memory is the maximum
 * resident set size that GNU time (/usr/bin/time) reports for the process.
 * Without /usr/bin/time the memory figures are left out, and said so.
 *
 * Run: yarn bench cli   (--quick: 1,000 products; see bench/README.md)
 */
import {
  dataDomainManifest,
  dataProductManifest,
  DataProduct,
  gitopsPath,
} from '@meshifi/common';
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import { Figure, recordFigures } from './lib/figures';
import { fromNodeModules } from './lib/fromNodeModules';
import { repositoryRoot } from './lib/repositoryRoot';
import { size } from './lib/runMode';
import { percentile } from './lib/stats';

const PRODUCTS = size(
  'products in the repository',
  { full: 10_000, quick: 1_000, dry: 1 },
  'MESHIFI_BENCH_PRODUCTS',
);
const DOMAINS = 20;
const RUNS = size('runs of each command', { full: 3, quick: 3, dry: 1 });
const CHANGED = Math.min(
  PRODUCTS,
  size('products the planned commit changes', {
    full: 100,
    quick: 100,
    dry: 1,
  }),
);
const GNU_TIME = '/usr/bin/time';

/** One run of a process: wall time, peak memory when GNU time is there, and what it printed. */
interface Run {
  seconds: number;
  peakMB?: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function measure(command: string, args: string[], cwd: string): Run {
  const memoryFile = path.join(
    os.tmpdir(),
    `meshifi-bench-time-${process.pid}`,
  );
  const timed = existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const child = timed
    ? spawnSync(GNU_TIME, ['-f', '%M', '-o', memoryFile, command, ...args], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      })
    : spawnSync(command, args, {
        cwd,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let peakMB: number | undefined;
  if (timed) {
    const kilobytes = Number(
      execFileSync('tail', ['-n', '1', memoryFile], { encoding: 'utf8' }),
    );
    rmSync(memoryFile, { force: true });
    peakMB = kilobytes / 1024;
  }
  return {
    seconds,
    peakMB,
    code: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
  };
}

/** Runs a command RUNS times; fails the benchmark on an unexpected exit code. */
function measureRuns(
  what: string,
  command: string,
  args: string[],
  cwd: string,
) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = measure(command, args, cwd);
    if (run.code !== 0) {
      throw new Error(
        `${what} exited with ${run.code}:\n${run.stdout.slice(
          -2000,
        )}\n${run.stderr.slice(-2000)}`,
      );
    }
    runs.push(run);
  }
  const peaks = runs.flatMap(r => (r.peakMB === undefined ? [] : [r.peakMB]));
  return {
    seconds: percentile(
      runs.map(r => r.seconds),
      50,
    ),
    peakMB: peaks.length ? Math.max(...peaks) : undefined,
    last: runs[runs.length - 1],
  };
}

/** The product of index i, as the Create page writes it. */
function product(i: number, owners = ['ana@example.com']): DataProduct {
  return dataProductManifest({
    info: {
      name: `product-${i}`,
      version: '1.0.0',
      title: `Product ${i}`,
      description: 'Orders of the web shop, cleaned and joined with customers.',
    },
    access: { owners },
    domain: `domain-${i % DOMAINS}`,
    location: 'EU',
  });
}

function writeManifest(
  root: string,
  manifest: Parameters<typeof gitopsPath>[0],
) {
  const file = path.join(root, gitopsPath(manifest));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, stringify(manifest));
}

function git(cwd: string, ...args: string[]) {
  execFileSync(
    'git',
    ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args],
    { cwd, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The repository: 20 domains and their products in one commit, then a commit changing the owners of CHANGED products. */
function makeRepository(root: string) {
  git(root, 'init', '--quiet', '--initial-branch=main');
  for (let d = 0; d < DOMAINS; d++) {
    writeManifest(
      root,
      dataDomainManifest(`domain-${d}`, {
        owner: `group:default/team-${d}`,
        gcpProject: `acme-domain-${d}-data`,
      }),
    );
  }
  for (let i = 0; i < PRODUCTS; i++) {
    writeManifest(root, product(i));
  }
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '-m', `${PRODUCTS} products`);
  for (let i = 0; i < CHANGED; i++) {
    writeManifest(root, product(i, ['ana@example.com', 'bo@example.com']));
  }
  git(root, 'commit', '--quiet', '-am', `Owners of ${CHANGED} products`);
}

/** The CLI bundled as `yarn workspace @meshifi/cli bundle` does. */
async function bundleCli(outfile: string) {
  const { build } = fromNodeModules('esbuild') as typeof import('esbuild');
  await build({
    entryPoints: [path.join(repositoryRoot, 'packages/cli/src/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
}

/** The real crossplane CLI and the offline flags of `beta validate`, built once by the project's script. */
function crossplaneCli() {
  const script = [
    'set -e',
    'source "$MESHIFI_ROOT/scripts/lib/node.sh"',
    'source "$MESHIFI_ROOT/scripts/lib/crossplane-tools.sh"',
    'ensure_crossplane_cli >&2',
    'ensure_crossplane_crds >&2',
    'printf "%s\\n" "$CROSSPLANE_BIN" "$CROSSPLANE_VALIDATE_CACHE_DIR" "$CROSSPLANE_VALIDATE_IMAGE"',
  ].join('\n');
  const [bin, cache, image] = execFileSync('bash', ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, MESHIFI_ROOT: repositoryRoot },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n');
  return {
    bin,
    flags: [`--cache-dir=${cache}`, `--crossplane-image=${image}`],
  };
}

const mb = (value?: number) =>
  value === undefined ? 'not measured' : `${value.toFixed(0)} MB`;

async function main() {
  const started = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), 'meshifi-bench-cli-'));
  try {
    const cli = path.join(work, 'meshifi.js');
    await bundleCli(cli);
    const crossplane = crossplaneCli();
    const repo = path.join(work, 'gitops');
    mkdirSync(repo);
    const setup = Date.now();
    makeRepository(repo);
    console.log(
      `repository: ${PRODUCTS} products over ${DOMAINS} domains, written and committed in ${(
        (Date.now() - setup) /
        1000
      ).toFixed(1)} s`,
    );
    if (!existsSync(GNU_TIME)) {
      console.log(`${GNU_TIME} is not here: peak memory is not measured`);
    }

    const validate = measureRuns(
      'meshifi validate',
      process.execPath,
      [cli, 'validate'],
      repo,
    );
    const xrds = ['dataproducts', 'datadomains'].map(api =>
      path.join(repositoryRoot, 'crossplane/apis', api, 'definition.yaml'),
    );
    const baseline = measureRuns(
      'crossplane beta validate',
      crossplane.bin,
      [
        'beta',
        'validate',
        xrds.join(','),
        repo,
        '--error-on-missing-schemas',
        ...crossplane.flags,
      ],
      repo,
    );
    const plan = measureRuns(
      'meshifi plan',
      process.execPath,
      [cli, 'plan', '--base', 'HEAD~1', '--format', 'json'],
      repo,
    );

    console.log(
      `\nmeshifi CLI on ${PRODUCTS} products (${RUNS} runs each, median time, highest peak memory)`,
    );
    console.log(
      `meshifi validate                       ${validate.seconds.toFixed(
        2,
      )} s   ${mb(validate.peakMB)}   (${validate.last.stdout
        .trim()
        .split('\n')
        .pop()})`,
    );
    console.log(
      `crossplane beta validate (XRD schemas) ${baseline.seconds.toFixed(
        2,
      )} s   ${mb(baseline.peakMB)}   (${baseline.last.stdout
        .trim()
        .split('\n')
        .pop()})`,
    );
    console.log(
      `validate / crossplane                  ${(
        validate.seconds / baseline.seconds
      ).toFixed(2)}x time`,
    );
    console.log(
      `meshifi plan --base HEAD~1 (${CHANGED} products changed)   ${plan.seconds.toFixed(
        2,
      )} s   ${mb(plan.peakMB)}`,
    );

    const baselineIs =
      'crossplane beta validate of the same files (XRD schemas only)';
    const figures: Figure[] = [
      {
        figure: `validate, ${PRODUCTS} products: time`,
        unit: 's',
        meshifi: validate.seconds,
        baseline: baseline.seconds,
        baselineIs,
        goal: { atMost: 10 },
      },
      {
        figure: `plan --base, ${CHANGED} of ${PRODUCTS} products changed: time`,
        unit: 's',
        meshifi: plan.seconds,
      },
    ];
    if (validate.peakMB !== undefined && baseline.peakMB !== undefined) {
      figures.push({
        figure: `validate, ${PRODUCTS} products: peak memory`,
        unit: 'MB',
        meshifi: validate.peakMB,
        baseline: baseline.peakMB,
        baselineIs,
      });
    }
    if (plan.peakMB !== undefined) {
      figures.push({
        figure: `plan --base, ${CHANGED} of ${PRODUCTS} products changed: peak memory`,
        unit: 'MB',
        meshifi: plan.peakMB,
      });
    }
    recordFigures({
      benchmark: 'cli',
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      sizes: {
        products: PRODUCTS,
        domains: DOMAINS,
        runs: RUNS,
        changedForPlan: CHANGED,
      },
      figures,
      details: {
        validate: { seconds: validate.seconds, peakMB: validate.peakMB },
        crossplane: { seconds: baseline.seconds, peakMB: baseline.peakMB },
        plan: { seconds: plan.seconds, peakMB: plan.peakMB },
        memoryFrom: existsSync(GNU_TIME) ? GNU_TIME : 'not measured',
      },
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
