/*
 * How long an analyst waits after "Create" in the data-product template
 * (templates/data-product: meshifi:dataproduct:create, then
 * meshifi:gitops:publish) until
 *
 * 1. the product's catalog entity answers, without a control plane: a
 *    started backend with the real catalog and scaffolder and meshifi's
 *    catalog and scaffolder modules, on SQLite, publishing to a real
 *    smart-HTTP git server on loopback;
 * 2. the provisioning route says "ready", on the local control plane
 *    (scripts/control-plane): the same backend plus the meshifi backend
 *    plugin, reading the cluster as the service account of the shipped RBAC;
 *    Flux applies the repository, Crossplane composes, the
 *    stand-in GCP provider makes the resources Ready with no delay.
 *
 * Each part runs twice, each time on a fresh backend: with the GitOps entity
 * provider refreshing only on its 15-s poll
 * (meshifi.catalog.gitops.refreshOnEvents: false, the baseline) and with the
 * default, where the publish action's push event makes it refresh at once.
 * Products are created one after another through the scaffolder API, after
 * one warm-up product per backend that is not counted. The clock starts when
 * the task is sent; the API is polled every 50 ms. Prints p50/p95/max, the
 * ratios to the baseline and the goal (p95 ≤ 1 s to the catalog, ≤ 5 s to
 * ready), and writes everything to bench/results/ as JSON. Nothing is
 * asserted.
 *
 * An XR that turns Ready about a minute after its resources did is
 * Crossplane's XR circuit breaker (crossplane.log: "Circuit breaker is
 * open"): the burst of watch events of a product's resources, made Ready at
 * once by the stand-in, trips it, and the event that would make the XR
 * Ready is dropped until a later reconcile. The scripts raise its burst
 * (scripts/lib/control-plane.sh); MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST=100,
 * Crossplane's default, shows the difference, and MESHIFI_CROSSPLANE_ARGS
 * passes any other flag.
 *
 * Run: yarn bench time-to-product   (--quick: 3 products per variant;
 * MESHIFI_BENCH_PRODUCTS=N sets the count in any mode)
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { GITOPS_PUSHED_TOPIC } from '@meshifi/node';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import catalogModuleMeshifi from '@meshifi/plugin-catalog-backend-module-meshifi';
import meshifiPlugin from '@meshifi/plugin-meshifi-backend';
import scaffolderModuleMeshifi from '@meshifi/plugin-scaffolder-backend-module-meshifi';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  defaultOf,
  mockCredentials,
  mockServices,
  startTestBackend,
} from './lib/backendTestUtils';
import { ClusterTimeline } from './lib/clusterTimeline';
import { Figure, recordFigures } from './lib/figures';
import { fromNodeModules } from './lib/fromNodeModules';
import {
  backstageClusterLocator,
  missingControlPlaneBinaries,
  startLocalControlPlane,
} from './lib/localControlPlane';
import { repositoryRoot as root } from './lib/repositoryRoot';
import { isDryRun, size } from './lib/runMode';
import { mean, seededRandom, summarize, Summary } from './lib/stats';

// Backstage's test backend, its plugins and the events service come from
// node_modules (see fromNodeModules); only the meshifi code is bundled.
const { schedulerServiceFactory } = fromNodeModules(
  '@backstage/backend-defaults/scheduler',
) as typeof import('@backstage/backend-defaults/scheduler');
const { eventsServiceFactory, eventsServiceRef } = fromNodeModules(
  '@backstage/plugin-events-node',
) as typeof import('@backstage/plugin-events-node');
const catalogPlugin = defaultOf<any>('@backstage/plugin-catalog-backend');
const catalogModuleScaffolderEntityModel = defaultOf<any>(
  '@backstage/plugin-catalog-backend-module-scaffolder-entity-model',
);
const scaffolderPlugin = defaultOf<any>('@backstage/plugin-scaffolder-backend');
const eventsPlugin = defaultOf<any>('@backstage/plugin-events-backend');

const PRODUCTS = size(
  'products per variant',
  { full: 20, quick: 3, dry: 1 },
  'MESHIFI_BENCH_PRODUCTS',
);
const POLL_MS = 50;
/** The GitOps entity provider's schedule when none is configured: the module's default. */
const CATALOG_POLL_MS = 15_000;
/** How often Flux looks for a commit, set explicitly so that the output can say it. */
const FLUX_INTERVAL_MS = 2_000;
/** Google Cloud's own time to create is not meshifi's: the stand-in takes none. */
const STAND_IN_DELAY_MS = 0;
const PRODUCT_TIMEOUT_MS = 120_000;
const GOAL = { catalogP95Ms: 1_000, readyP95Ms: 5_000 };
const DOMAIN = 'sales';
const OWNERS = ['group:default/sales-analytics', 'user:default/ana'];
const platform = { project: 'meshifi-platform', location: 'EU' };
/** Extra flags for Crossplane, passed through by scripts/control-plane. */
const CROSSPLANE_SETTINGS = [
  `--circuit-breaker-burst=${
    process.env.MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST ??
    "the scripts' default"
  }`,
  process.env.MESHIFI_CROSSPLANE_ARGS ?? '',
]
  .join(' ')
  .trim();

/**
 * The two ways the catalog learns of a commit, each on its own backend, and
 * the longest periodic loop a product waits for on each: the catalog's poll,
 * or else Flux's.
 */
const VARIANTS = [
  {
    id: 'poll',
    label: 'poll only (refreshOnEvents: false)',
    gitops: { refreshOnEvents: false },
    loopMs: CATALOG_POLL_MS,
  },
  {
    id: 'events',
    label: 'event-driven refresh (default)',
    gitops: {},
    loopMs: FLUX_INTERVAL_MS,
  },
] as const;
type Variant = (typeof VARIANTS)[number];
/** A dry run proves the path works once: the event-driven variant alone. */
const VARIANTS_RUN: readonly Variant[] = isDryRun
  ? VARIANTS.filter(v => v.id === 'events')
  : VARIANTS;

/**
 * Analysts do not create products in step with the loops that pick them
 * up: one after another, each product would start just after the poll that
 * found the last one and wait nearly a whole period. A pause before each
 * product, uniform over the variant's longest loop, puts its commit at a
 * random point of that loop, as in real use. The same random sequence for
 * every variant, scaled to its loop; no longer, so that a run stays short.
 * A dry run measures nothing and does not pause.
 */
const PAUSE_FRACTIONS = (() => {
  const random = seededRandom(20_240_615);
  return Array.from({ length: PRODUCTS }, () => (isDryRun ? 0 : random()));
})();
const pauseMs = (variant: Variant, i: number) =>
  PAUSE_FRACTIONS[i] * variant.loopMs;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const seconds = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`;

/** Calls `check` every POLL_MS until it gives a value, and gives that value. */
async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = PRODUCT_TIMEOUT_MS,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (performance.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    }
    await sleep(POLL_MS);
  }
}

// --- The backend -------------------------------------------------------------

/** The test organisation: the sales team, its domain, and an analyst in it. */
const organisation = [
  {
    kind: 'Group',
    metadata: { name: 'sales-analytics' },
    spec: {
      type: 'team',
      profile: { email: 'sales@example.com' },
      children: [],
    },
  },
  {
    kind: 'User',
    metadata: { name: 'ana' },
    spec: {
      profile: { email: 'ana@example.com' },
      memberOf: ['sales-analytics'],
    },
  },
  {
    kind: 'Domain',
    metadata: { name: DOMAIN },
    spec: { owner: 'group:default/sales-analytics' },
  },
]
  .map(e => stringify({ apiVersion: 'backstage.io/v1alpha1', ...e }))
  .join('---\n');

/**
 * Records when the publish action's push event goes out: it tells whether
 * the event-driven refresh is there at all, and when it started.
 */
const pushEventProbe = (published: number[]) =>
  createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-push-event-probe',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'bench-push-event-probe',
            topics: [GITOPS_PUSHED_TOPIC],
            onEvent: async () => {
              published.push(performance.now());
            },
          });
        },
      });
    },
  });

interface BenchBackend {
  base: string;
  /** When each push event was published, in performance.now() ms. */
  pushEvents: number[];
  stop(): Promise<void>;
}

/**
 * A started backend as production assembles it for this path: the real
 * catalog and scaffolder with meshifi's modules, the real scheduler, the
 * events service shared by all plugins (the test backend's mock gives each
 * plugin its own) and the events backend; permissions off, so everything is
 * allowed. With `clusters`, also the meshifi backend plugin reading them.
 */
async function startBenchBackend(options: {
  variant: Variant;
  gitopsUrl: string;
  workDir: string;
  clusters?: JsonObject[];
}): Promise<BenchBackend> {
  mkdirSync(options.workDir, { recursive: true });
  const orgFile = path.join(options.workDir, 'org.yaml');
  writeFileSync(orgFile, organisation);
  const pushEvents: number[] = [];
  const backend = await startTestBackend({
    features: [
      schedulerServiceFactory,
      eventsServiceFactory,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            workingDirectory: options.workDir,
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          catalog: {
            rules: [
              {
                allow: [
                  'Template',
                  'Group',
                  'User',
                  'Domain',
                  'Location',
                  'DataProduct',
                  'Resource',
                ],
              },
            ],
            locations: [
              { type: 'file', target: orgFile },
              {
                type: 'file',
                target: path.join(root, 'templates/data-product/template.yaml'),
              },
            ],
          },
          // One backend process: the events bus's HTTP long-poll has no
          // other instance to reach, and would hold stop() for up to 55 s.
          events: { useEventBus: 'never' },
          meshifi: {
            platform,
            gitops: { url: options.gitopsUrl },
            catalog: {
              defaultOwner: 'group:default/data-platform',
              gitops: options.variant.gitops,
            },
          },
          ...(options.clusters
            ? {
                kubernetes: {
                  serviceLocatorMethod: { type: 'multiTenant' },
                  clusterLocatorMethods: options.clusters,
                },
              }
            : {}),
        },
      }),
      catalogPlugin,
      catalogModuleScaffolderEntityModel,
      catalogModuleMeshifi,
      scaffolderPlugin,
      scaffolderModuleMeshifi,
      eventsPlugin,
      pushEventProbe(pushEvents),
      ...(options.clusters ? [meshifiPlugin] : []),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}`;
  await waitForOrganisation(base);
  return { base, pushEvents, stop: () => backend.stop() };
}

const headers = () => ({
  Authorization: mockCredentials.user.header(),
  'Content-Type': 'application/json',
});

const get = (base: string, url: string) =>
  fetch(`${base}${url}`, { headers: headers() });

/** The catalog has read the template, the analyst and the domain. */
async function waitForOrganisation(base: string) {
  const refs = [
    'template/default/data-product',
    'user/default/ana',
    `domain/default/${DOMAIN}`,
  ];
  await pollUntil(
    'the catalog reading the template and the organisation',
    async () => {
      const answers = await Promise.all(
        refs.map(ref => get(base, `/api/catalog/entities/by-name/${ref}`)),
      );
      return answers.every(a => a.ok) ? true : undefined;
    },
    60_000,
  );
}

// --- One product -------------------------------------------------------------

/** The time of each push the git server accepted, read every 10 ms. */
class PushClock {
  private readonly times: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(git: GitHttpServer) {
    this.timer = setInterval(() => {
      while (this.times.length < git.pushes()) {
        this.times.push(performance.now());
      }
    }, 10);
  }

  /** The first push after `start`: products are created one at a time. */
  firstAfter(start: number): Promise<number> {
    return pollUntil('the push to the GitOps repository', async () =>
      this.times.find(t => t > start),
    );
  }

  stop() {
    clearInterval(this.timer);
  }
}

async function createTask(base: string, name: string): Promise<string> {
  const response = await fetch(`${base}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({
      templateRef: 'template:default/data-product',
      values: {
        name,
        title: `Product ${name}`,
        version: '0.1.0',
        domain: `domain:default/${DOMAIN}`,
        owners: OWNERS,
      },
    }),
  });
  if (response.status !== 201) {
    throw new Error(
      `task not created: ${response.status} ${await response.text()}`,
    );
  }
  return ((await response.json()) as { id: string }).id;
}

/**
 * Never settles while the task runs or once it completed; rejects with the
 * task's log when it fails, so that a broken run stops at once instead of
 * waiting for an entity that cannot come.
 */
function failureOf(base: string, id: string): Promise<never> {
  return new Promise((_, reject) => {
    const check = async () => {
      const task = await (
        await get(base, `/api/scaffolder/v2/tasks/${id}`)
      ).json();
      if (task.status === 'completed') {
        return;
      }
      if (['failed', 'cancelled'].includes(task.status)) {
        const events = await (
          await get(base, `/api/scaffolder/v2/tasks/${id}/events`)
        ).json();
        const log = (events as Array<{ body: { message?: string } }>)
          .map(e => e.body.message ?? '')
          .join('\n');
        reject(new Error(`task ${task.status}:\n${log}`));
        return;
      }
      setTimeout(() => check().catch(reject), 250);
    };
    check().catch(reject);
  });
}

const entityAnswers = async (base: string, name: string) =>
  (await get(base, `/api/catalog/entities/by-name/dataproduct/default/${name}`))
    .ok || undefined;

async function routeIsReady(base: string, name: string) {
  const response = await get(
    base,
    `/api/meshifi/products/default/${name}/provisioning`,
  );
  return response.ok && (await response.json()).state === 'ready'
    ? true
    : undefined;
}

/** Milliseconds after the task was sent. */
interface ProductTimes {
  name: string;
  pauseMs: number;
  commitMs: number;
  entityMs: number;
  /**
   * When the publish action announced the push on the events service (it
   * does whatever the catalog's refreshOnEvents); absent if it did not.
   */
  pushEventMs?: number;
  readyMs?: number;
  xrMs?: number;
  resourcesMs?: number;
  resourcesReadyMs?: number;
  xrReadyMs?: number;
  resources?: number;
}

interface Clocks {
  pushes: PushClock;
  cluster?: ClusterTimeline;
}

/**
 * Creates one product through the scaffolder API and waits for its entity
 * and, on a control plane, for the provisioning route to say ready.
 */
async function timeProduct(
  backend: BenchBackend,
  clocks: Clocks,
  name: string,
  pauseMs: number,
): Promise<ProductTimes> {
  const start = performance.now();
  const id = await createTask(backend.base, name);
  const failed = failureOf(backend.base, id);
  failed.catch(() => undefined);
  const since = (t: number | undefined) =>
    t === undefined ? undefined : t - start;

  const [commitAt, entityAt] = await Promise.race([
    failed,
    Promise.all([
      clocks.pushes.firstAfter(start),
      pollUntil(`the catalog entity of ${name}`, async () =>
        (await entityAnswers(backend.base, name))
          ? performance.now()
          : undefined,
      ),
    ]),
  ]);
  const times: ProductTimes = {
    name,
    pauseMs,
    commitMs: commitAt - start,
    entityMs: entityAt - start,
    pushEventMs: since(backend.pushEvents.find(t => t > start)),
  };
  if (!clocks.cluster) {
    return times;
  }
  // The route answers only for a product the catalog has: polled from then.
  const readyAt = await pollUntil(
    `the route saying ${name} is ready`,
    async () =>
      (await routeIsReady(backend.base, name)) ? performance.now() : undefined,
  );
  // The route's cache and the benchmark's watch see the XR Ready at about
  // the same moment, in either order.
  const timeline = clocks.cluster;
  const cluster = await pollUntil(
    `the watch seeing ${name} Ready`,
    async () => {
      const seen = timeline.product(name);
      return seen.xrReadyAt === undefined ? undefined : seen;
    },
  );
  return {
    ...times,
    readyMs: readyAt - start,
    xrMs: since(cluster.xrAt),
    resourcesMs: since(cluster.resourcesAt),
    resourcesReadyMs: since(cluster.resourcesReadyAt),
    xrReadyMs: since(cluster.xrReadyAt),
    resources: cluster.resources,
  };
}

// --- A variant: one backend, N products --------------------------------------

interface VariantResult {
  variant: Variant['id'];
  label: string;
  /** None in a dry run. */
  warmUp?: ProductTimes;
  products: ProductTimes[];
  toCatalog: Summary;
  toReady?: Summary;
  /** Means over the products, in ms; each leg starts where the text says. */
  meanLegs: Record<string, number>;
  pushEventsSeen: number;
  /** The machine's 1-minute load average before and after: others run tests on it too. */
  load: { before: number; after: number };
}

/** The legs of the way to ready; they overlap where two paths run at once. */
function legsOf(p: ProductTimes): Record<string, number | undefined> {
  const after = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : b - a;
  return {
    publish: p.commitMs,
    catalog: after(p.commitMs, p.entityMs),
    sync: after(p.commitMs, p.xrMs),
    crossplane: after(p.xrMs, p.resourcesMs),
    provider: after(p.resourcesMs, p.resourcesReadyMs),
    'XR ready': after(p.resourcesReadyMs, p.xrReadyMs),
    route:
      p.xrReadyMs === undefined
        ? undefined
        : after(Math.max(p.entityMs, p.xrReadyMs), p.readyMs),
  };
}

function meanLegs(products: ProductTimes[]): Record<string, number> {
  const legs = products.map(legsOf);
  const names = Object.keys(legs[0] ?? {});
  return Object.fromEntries(
    names
      .map(leg => [
        leg,
        mean(legs.map(l => l[leg]).filter((v): v is number => v !== undefined)),
      ])
      .filter(([, value]) => !Number.isNaN(value)),
  );
}

async function runVariant(
  variant: Variant,
  backend: BenchBackend,
  clocks: Clocks,
  prefix: string,
): Promise<VariantResult> {
  const loadBefore = os.loadavg()[0];
  const warmUp = isDryRun
    ? undefined
    : await timeProduct(backend, clocks, `${prefix}-warm-up`, 0);
  const products: ProductTimes[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const pause = pauseMs(variant, i);
    await sleep(pause);
    const name = `${prefix}-${String(i + 1).padStart(2, '0')}`;
    products.push(await timeProduct(backend, clocks, name, pause));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const ready = products
    .map(p => p.readyMs)
    .filter((v): v is number => v !== undefined);
  return {
    variant: variant.id,
    label: variant.label,
    warmUp,
    products,
    toCatalog: summarize(products.map(p => p.entityMs)),
    toReady: ready.length ? summarize(ready) : undefined,
    meanLegs: meanLegs(products),
    pushEventsSeen: products.filter(p => p.pushEventMs !== undefined).length,
    load: { before: loadBefore, after: os.loadavg()[0] },
  };
}

// --- Part 1: without a control plane -----------------------------------------

async function measureWithoutControlPlane(work: string) {
  const git = await startGitHttpServer(path.join(work, 'git'));
  const pushes = new PushClock(git);
  try {
    const results: VariantResult[] = [];
    for (const variant of VARIANTS_RUN) {
      console.error(`1. ${variant.label}: ${PRODUCTS} products`);
      // A repository per variant: the second backend starts from scratch too.
      const repository = `catalog-${variant.id}.git`;
      await createBareRepository(path.join(work, 'git'), repository);
      const backend = await startBenchBackend({
        variant,
        gitopsUrl: git.url(repository),
        workDir: path.join(work, `backend-catalog-${variant.id}`),
      });
      try {
        results.push(
          await runVariant(variant, backend, { pushes }, variant.id),
        );
      } finally {
        await backend.stop();
      }
    }
    return results;
  } finally {
    pushes.stop();
    await git.stop();
  }
}

// --- Part 2: on the local control plane --------------------------------------

/**
 * The sample DataDomain of examples/gitops, applied directly: the benchmark
 * times products, and the domain only has to compose their namespace and
 * the Flux Kustomization that applies its products folder.
 */
async function applySampleDomain(admin: KubeConfig) {
  const domain = parse(
    readFileSync(
      path.join(root, 'examples/gitops/domains', DOMAIN, 'domain.yaml'),
      'utf8',
    ),
  );
  await KubernetesObjectApi.makeApiClient(admin).create(domain);
  // Products wait for their namespace, which the domain composes.
  await pollUntil(`the DataDomain ${DOMAIN} being ready`, async () => {
    const read = await KubernetesObjectApi.makeApiClient(admin).read(domain);
    const conditions = ((read as any).status?.conditions ?? []) as any[];
    return conditions.some(c => c.type === 'Ready' && c.status === 'True')
      ? true
      : undefined;
  });
}

async function measureOnControlPlane(work: string) {
  const missing = await missingControlPlaneBinaries();
  if (missing.length > 0) {
    return {
      skipped: `the control plane binaries are not built (${missing.join(
        ', ',
      )}): run ./meshifi test once, or scripts/control-plane start, to build them`,
    };
  }
  const git = await startGitHttpServer(path.join(work, 'git-cluster'));
  const pushes = new PushClock(git);
  await createBareRepository(path.join(work, 'git-cluster'), 'gitops.git');
  console.error('2. starting the local control plane ...');
  const controlPlane = await startLocalControlPlane({
    gitopsUrl: git.url('gitops.git'),
    standInDelayMs: STAND_IN_DELAY_MS,
    pollIntervalMs: FLUX_INTERVAL_MS,
  });
  const cluster = new ClusterTimeline(controlPlane.admin, DOMAIN);
  try {
    await applySampleDomain(controlPlane.admin);
    const clusters = await backstageClusterLocator(controlPlane.admin);
    await cluster.start();
    const results: VariantResult[] = [];
    for (const variant of VARIANTS_RUN) {
      console.error(`2. ${variant.label}: ${PRODUCTS} products`);
      // One repository and cluster for both: Flux watches one.
      const backend = await startBenchBackend({
        variant,
        gitopsUrl: git.url('gitops.git'),
        workDir: path.join(work, `backend-cluster-${variant.id}`),
        clusters,
      });
      try {
        results.push(
          await runVariant(
            variant,
            backend,
            { pushes, cluster },
            `cp-${variant.id}`,
          ),
        );
      } finally {
        await backend.stop();
      }
    }
    return { variants: results };
  } finally {
    cluster.stop();
    pushes.stop();
    await controlPlane.stop();
    await git.stop();
  }
}

// --- Report ------------------------------------------------------------------

const row = (cells: string[], widths: number[]) =>
  cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[0]) : c.padStart(widths[i])))
    .join(' ');

const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;

const loadOf = (r: VariantResult) =>
  `${r.load.before.toFixed(1)}→${r.load.after.toFixed(1)}`;

/** The product that took longest to ready, leg by leg: where the tail comes from. */
function slowestLine(r: VariantResult) {
  const slowest = [...r.products].sort(
    (a, b) => (b.readyMs ?? 0) - (a.readyMs ?? 0),
  )[0];
  const legs = Object.entries(legsOf(slowest))
    .map(([leg, ms]) => `${leg} ${seconds(ms)}`)
    .join(', ');
  const waitedForReady = r.products.filter(
    p => (legsOf(p)['XR ready'] ?? 0) > 5_000,
  ).length;
  return `slowest, ${r.variant}: ${slowest.name}, ready after ${seconds(
    slowest.readyMs,
  )} (${legs}); ${waitedForReady} of ${
    r.products.length
  } products had their XR Ready more than 5 s after all its resources were`;
}

function goalLine(
  label: string,
  results: VariantResult[],
  of: (r: VariantResult) => Summary | undefined,
  limitMs: number,
) {
  return `goal p95 ≤ ${seconds(limitMs)} to ${label}: ${results
    .map(r => {
      const p95 = of(r)?.p95 ?? NaN;
      return `${r.variant} ${seconds(p95)} ${
        p95 <= limitMs ? 'met' : 'NOT met'
      }`;
    })
    .join('; ')}`;
}

function ratioLine(
  label: string,
  results: VariantResult[],
  of: (r: VariantResult) => Summary | undefined,
) {
  const [poll, events] = results.map(of);
  if (!poll || !events) {
    return '';
  }
  return `ratio poll / events, ${label}: p50 ${ratio(
    poll.p50,
    events.p50,
  )}, p95 ${ratio(poll.p95, events.p95)}`;
}

function reportWithoutControlPlane(results: VariantResult[]) {
  const widths = [38, 9, 9, 9, 13, 15, 17, 12];
  console.log(
    `\n1. Create → catalog entity, no control plane (${PRODUCTS} products per variant; SQLite; git over smart HTTP on loopback)`,
  );
  console.log(
    row(
      [
        'variant',
        'p50',
        'p95',
        'max',
        'publish mean',
        'commit→entity',
        'pushes announced',
        'load 1m',
      ],
      widths,
    ),
  );
  for (const r of results) {
    console.log(
      row(
        [
          r.label,
          seconds(r.toCatalog.p50),
          seconds(r.toCatalog.p95),
          seconds(r.toCatalog.max),
          seconds(r.meanLegs.publish),
          seconds(r.meanLegs.catalog),
          `${r.pushEventsSeen}/${r.products.length}`,
          loadOf(r),
        ],
        widths,
      ),
    );
  }
  console.log(ratioLine('to the catalog', results, r => r.toCatalog));
  console.log(
    goalLine('the catalog', results, r => r.toCatalog, GOAL.catalogP95Ms),
  );
}

function reportOnControlPlane(results: VariantResult[]) {
  const legs = [
    'publish',
    'catalog',
    'sync',
    'crossplane',
    'provider',
    'XR ready',
    'route',
  ];
  const widths = [38, 9, 9, 9, 10, 10, ...legs.map(() => 11), 12];
  console.log(
    `\n2. Create → provisioning route "ready", local control plane (${PRODUCTS} products per variant; Flux polling every ${seconds(
      FLUX_INTERVAL_MS,
    )}; stand-in provider delay ${STAND_IN_DELAY_MS} ms; Crossplane ${CROSSPLANE_SETTINGS})`,
  );
  console.log(
    row(
      [
        'variant',
        'ready p50',
        'p95',
        'max',
        'cat. p50',
        'cat. p95',
        ...legs,
        'load 1m',
      ],
      widths,
    ),
  );
  for (const r of results) {
    console.log(
      row(
        [
          r.label,
          seconds(r.toReady?.p50),
          seconds(r.toReady?.p95),
          seconds(r.toReady?.max),
          seconds(r.toCatalog.p50),
          seconds(r.toCatalog.p95),
          ...legs.map(leg => seconds(r.meanLegs[leg])),
          loadOf(r),
        ],
        widths,
      ),
    );
  }
  console.log(
    'legs (means): publish = task sent → commit in git; catalog = commit → entity; sync = commit → XR in the cluster (Flux); crossplane = XR → all managed resources; provider = resources → all Ready (the stand-in); XR ready = resources Ready → XR Ready (Crossplane); route = the later of entity and XR Ready → route says ready',
  );
  results.forEach(r => console.log(slowestLine(r)));
  console.log(ratioLine('to ready', results, r => r.toReady));
  console.log(ratioLine('to the catalog', results, r => r.toCatalog));
  console.log(goalLine('ready', results, r => r.toReady, GOAL.readyP95Ms));
  console.log(
    goalLine('the catalog', results, r => r.toCatalog, GOAL.catalogP95Ms),
  );
}

/** The p95s against the poll-only baseline, with the goals the header states. */
function figuresOf(
  part: string,
  results: VariantResult[],
  of: (r: VariantResult) => Summary | undefined,
  goalMs: number,
): Figure[] {
  const poll = results.find(r => r.variant === 'poll');
  const events = results.find(r => r.variant === 'events');
  const meshifi = events && of(events);
  if (!meshifi) {
    return [];
  }
  return [
    {
      figure: `time to ${part}, p95`,
      unit: 's',
      meshifi: meshifi.p95 / 1000,
      baseline: poll && (of(poll)?.p95 ?? NaN) / 1000,
      baselineIs: 'catalog poll only',
      goal: { atMost: goalMs / 1000 },
    },
  ];
}

async function main() {
  const started = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), 'meshifi-bench-'));
  try {
    const withoutControlPlane = await measureWithoutControlPlane(work);
    const onControlPlane = await measureOnControlPlane(work);
    console.log(
      `time to product: ${PRODUCTS} products per variant ${
        isDryRun ? 'without a warm-up' : 'after 1 warm-up'
      }, one at a time, each after a pause uniform over the variant's longest loop (poll: the catalog's ${seconds(
        CATALOG_POLL_MS,
      )} poll; events: Flux's ${seconds(
        FLUX_INTERVAL_MS,
      )} poll); times from sending the task, API polled every ${POLL_MS} ms`,
    );
    reportWithoutControlPlane(withoutControlPlane);
    if ('skipped' in onControlPlane) {
      console.log(`\n2. skipped: ${onControlPlane.skipped}`);
    } else {
      reportOnControlPlane(onControlPlane.variants);
    }
    recordFigures({
      benchmark: 'time-to-product',
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      sizes: {
        products: PRODUCTS,
        pollMs: POLL_MS,
        catalogPollMs: CATALOG_POLL_MS,
        fluxIntervalMs: FLUX_INTERVAL_MS,
        standInDelayMs: STAND_IN_DELAY_MS,
        crossplane: CROSSPLANE_SETTINGS,
        pauseFractions: PAUSE_FRACTIONS,
      },
      figures: [
        ...figuresOf(
          'the catalog entity (no control plane)',
          withoutControlPlane,
          r => r.toCatalog,
          GOAL.catalogP95Ms,
        ),
        ...('skipped' in onControlPlane
          ? []
          : figuresOf(
              'product ready (control plane)',
              onControlPlane.variants,
              r => r.toReady,
              GOAL.readyP95Ms,
            )),
      ],
      details: { goal: GOAL, withoutControlPlane, onControlPlane },
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Exits explicitly: a stopped Backstage backend leaves its database pools
// open, which would keep the process alive.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
