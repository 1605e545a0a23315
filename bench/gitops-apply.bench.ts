/*
 * GitOps apply: how long a commit to the GitOps repository takes to become a
 * DataProduct in the cluster with Flux (what ./meshifi start and a platform
 * cluster run: source-controller and kustomize-controller applying
 * deploy/flux's objects and the Kustomization each DataDomain composes),
 * against applying the same manifest directly: a server-side apply of the
 * DataProduct through the API server, as kustomize-controller does. The
 * direct apply is the floor: what any GitOps engine adds its polling, fetch
 * and build time to. Both are measured in the same run, on one private
 * control plane (scripts/control-plane start --flux), Flux looking for
 * commits every POLL_INTERVAL_MS.
 *
 * A bare repository on local disk (Flux reads it through the local
 * read-only git server), a domain committed and waited for until Ready
 * (products live in the namespace it composes), then COMMITS commits of one
 * new product each, one at a time. Right after each push the same manifest
 * under another name (direct-N, in no file, so Flux leaves it alone) is
 * applied directly while Flux works. Each clock stops when its DataProduct
 * can be read from the API server (polled every 50 ms); Flux's starts when
 * `git push` into the repository returns, the direct one when the apply is
 * sent. A commit lands at a random moment of Flux's poll: the spread of
 * Flux's figures is mostly that wait.
 *
 * Run: yarn bench gitops-apply   (--quick: 8 commits; MESHIFI_BENCH_COMMITS=N
 * sets the count in any mode)
 */
import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { apiResourceOf, KINDS } from '@meshifi/common';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { recordFigures } from './lib/figures';
import {
  missingControlPlaneBinaries,
  startLocalControlPlane,
} from './lib/localControlPlane';
import { seededRandom, summarize, Summary } from './lib/stats';
import { isDryRun, size } from './lib/runMode';

const run = promisify(execFile);

const COMMITS = size(
  'commits of one product each',
  { full: 20, quick: 8, dry: 1 },
  'MESHIFI_BENCH_COMMITS',
);
const POLL_INTERVAL_MS = 2_000;
const DOMAIN = 'latency';
const READ_EVERY_MS = 50;
const TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A working clone of a bare repository, pushing as a person would. */
async function workingClone(bare: string, dir: string) {
  const git = (...args: string[]) =>
    run(
      'git',
      ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args],
      { cwd: dir },
    );
  await run('git', ['clone', '--quiet', bare, dir]);
  return {
    /** Commits a file and pushes it; resolves when the push returned. */
    async commit(file: string, manifest: object) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), stringify(manifest));
      await git('add', file);
      await git('commit', '--quiet', '-m', `Add ${file}`);
      await git('push', '--quiet', 'origin', 'HEAD:main');
      return performance.now();
    },
  };
}

const domainManifest = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'DataDomain',
  metadata: { name: DOMAIN },
  spec: {
    title: 'Latency',
    owner: 'group:default/data-platform',
    gcpProject: 'acme-latency-data',
  },
};

const productManifest = (name: string) => ({
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name, namespace: DOMAIN },
  spec: {
    info: { name, version: '0.1.0', title: name },
    access: { owners: ['ana@example.com'] },
    domain: DOMAIN,
  },
});

/** Reads an object until `until` holds for it; the time it first did. */
async function waitFor(
  read: () => Promise<unknown>,
  until: (object: any) => boolean,
  what: string,
) {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    const object = await read().catch(() => undefined);
    if (object !== undefined && until(object)) {
      return performance.now();
    }
    if (performance.now() > deadline) {
      throw new Error(`${what} did not happen within ${TIMEOUT_MS / 1000} s`);
    }
    await sleep(READ_EVERY_MS);
  }
}

/** The latencies of one run, in ms, per commit. */
interface Latencies {
  flux: number[];
  direct: number[];
}

async function measure(): Promise<Latencies> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'meshifi-bench-gitops-'));
  const bare = path.join(work, 'gitops.git');
  await run('git', [
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    bare,
  ]);
  const clone = await workingClone(bare, path.join(work, 'clone'));
  await clone.commit('README.md', { about: 'the benchmark repository' });
  console.error('starting a control plane with Flux ...');
  const controlPlane = await startLocalControlPlane({
    gitopsUrl: bare,
    standInDelayMs: 0,
    pollIntervalMs: POLL_INTERVAL_MS,
  });
  try {
    const api = controlPlane.admin.makeApiClient(CustomObjectsApi);
    const domains = apiResourceOf(KINDS.dataDomain);
    const products = apiResourceOf(KINDS.dataProduct);
    const readProduct = (name: string) => () =>
      api.getNamespacedCustomObject({ ...products, namespace: DOMAIN, name });
    // As kustomize-controller applies: server-side, taking every field.
    const applyDirectly = (name: string) =>
      api.patchNamespacedCustomObject(
        {
          ...products,
          namespace: DOMAIN,
          name,
          body: productManifest(name),
          fieldManager: 'meshifi-bench',
          force: true,
        },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      );
    await clone.commit(`domains/${DOMAIN}/domain.yaml`, domainManifest);
    await waitFor(
      () => api.getClusterCustomObject({ ...domains, name: DOMAIN }),
      domain =>
        (domain.status?.conditions ?? []).some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
      `the DataDomain ${DOMAIN} becoming Ready with Flux`,
    );
    // A commit at a random moment of Flux's poll, as in real life.
    const random = seededRandom(7);
    const latencies: Latencies = { flux: [], direct: [] };
    for (let i = 1; i <= COMMITS; i++) {
      await sleep(random() * POLL_INTERVAL_MS);
      const name = `product-${i}`;
      const pushed = await clone.commit(
        `domains/${DOMAIN}/products/${name}.yaml`,
        productManifest(name),
      );
      const direct = async () => {
        const sent = performance.now();
        await applyDirectly(`direct-${i}`);
        const applied = await waitFor(
          readProduct(`direct-${i}`),
          () => true,
          `the DataProduct direct-${i} being applied directly`,
        );
        return applied - sent;
      };
      const [fluxApplied, directMs] = await Promise.all([
        waitFor(
          readProduct(name),
          () => true,
          `the DataProduct ${name} being applied by Flux`,
        ),
        direct(),
      ]);
      latencies.flux.push(fluxApplied - pushed);
      latencies.direct.push(directMs);
    }
    return latencies;
  } finally {
    await controlPlane.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

function print(label: string, summary: Summary) {
  console.log(
    `${label.padEnd(14)} p50 ${seconds(summary.p50)}  p95 ${seconds(
      summary.p95,
    )}  max ${seconds(summary.max)}  (${summary.count} commits)`,
  );
}

async function main() {
  const missing = await missingControlPlaneBinaries();
  if (missing.length > 0) {
    throw new Error(
      `the local control plane is not built (missing: ${missing.join(
        ', ',
      )}): run ./meshifi test or scripts/control-plane start once first.`,
    );
  }
  const started = Date.now();
  const latencies = await measure();
  const flux = summarize(latencies.flux);
  const direct = summarize(latencies.direct);
  console.log(
    `\ncommit to DataProduct in the cluster, Flux polling every ${
      POLL_INTERVAL_MS / 1000
    } s`,
  );
  print('Flux', flux);
  print('direct apply', direct);
  if (!isDryRun) {
    console.log(
      `Flux / direct apply: p50 ${(flux.p50 / direct.p50).toFixed(1)}x, p95 ${(
        flux.p95 / direct.p95
      ).toFixed(1)}x`,
    );
  }
  const baselineIs =
    'the same manifest applied directly (server-side apply through the API server)';
  recordFigures({
    benchmark: 'gitops-apply',
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    sizes: { commits: COMMITS, pollIntervalMs: POLL_INTERVAL_MS },
    figures: [
      {
        figure: 'commit to DataProduct applied, Flux, p50',
        unit: 'ms',
        meshifi: flux.p50,
        baseline: direct.p50,
        baselineIs,
      },
      {
        figure: 'commit to DataProduct applied, Flux, p95',
        unit: 'ms',
        meshifi: flux.p95,
        baseline: direct.p95,
        baselineIs,
      },
    ],
    details: { flux, direct },
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
