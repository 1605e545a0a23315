/*
 * Live status: how long a change of a managed resource's status in the API
 * server takes to reach an open product page, and how many HTTP requests an
 * open page makes, with Backstage signals (the card today) and with the 5 s
 * polling it replaced, in the same run, on the same changes.
 *
 * The open page is a client that behaves exactly like useProvisioning, not
 * Chromium: building and serving the app for a benchmark costs minutes of a
 * shared machine, and the browser adds nothing the hook does not do. The
 * signals page opens the signals backend's websocket as the signals
 * plugin's client does (the user's token as the protocol, then
 * {action: 'subscribe', channel}), fetches the report once, and again on
 * each signal; it never polls. The polling page fetches the report, then
 * again 5 s after each answer (the old hook's setTimeout). Both pages read
 * the same route of one started backend: meshifi's backend plugin, the
 * signals backend and the events backend, watching a local kube-apiserver
 * (Crossplane's CRDs and meshifi's XRDs, Crossplane itself stopped so that
 * only the benchmark writes) as the service account of the shipped RBAC.
 *
 * A change is a status patch that fails the product's raw dataset with a
 * message naming the change; a page has the change when a report it fetched
 * contains that message. Changes come 5.2-10.2 s apart, whatever the
 * pages saw, so the polling page sees each one before the next. The clock starts before the patch is
 * sent. Then both pages stay open for a minute with nothing changing.
 * Prints p50/p95/max per page, the ratios, the requests per minute, and
 * writes everything to bench/results/ as JSON. Nothing is asserted.
 *
 * Run: yarn bench live-status   (--quick: 6 changes and 15 s idle;
 * MESHIFI_BENCH_CHANGES=N sets the changes in any mode)
 */
import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  apiResourceOf,
  compose,
  CROSSPLANE_LABELS,
  dataProductManifest,
  KINDS,
  kindOf,
  provisioningSignalChannel,
} from '@meshifi/common';
import { manifestToEntities } from '@meshifi/plugin-catalog-backend-module-meshifi';
import { startTestControlPlane } from '@meshifi/test-utils';
import meshifiPlugin from '@meshifi/plugin-meshifi-backend';
import {
  catalogServiceMock,
  defaultOf,
  mockCredentials,
  mockServices,
  startTestBackend,
} from './lib/backendTestUtils';
import { recordFigures } from './lib/figures';
import { fromNodeModules } from './lib/fromNodeModules';
import {
  backstageClusterLocator,
  stopCrossplane,
} from './lib/localControlPlane';
import { setting, size } from './lib/runMode';
import { seededRandom, summarize, Summary } from './lib/stats';

const signalsPlugin = defaultOf<any>('@backstage/plugin-signals-backend');
const eventsPlugin = defaultOf<any>('@backstage/plugin-events-backend');
const { createServiceFactory } = fromNodeModules(
  '@backstage/backend-plugin-api',
) as typeof import('@backstage/backend-plugin-api');
const { eventsServiceFactory, eventsServiceRef } = fromNodeModules(
  '@backstage/plugin-events-node',
) as typeof import('@backstage/plugin-events-node');
const { DefaultSignalsService, signalsServiceRef } = fromNodeModules(
  '@backstage/plugin-signals-node',
) as typeof import('@backstage/plugin-signals-node');

const CHANGES = size(
  'status changes',
  { full: 50, quick: 6, dry: 1 },
  'MESHIFI_BENCH_CHANGES',
);
/** The old hook's interval while something was not ready. */
const POLL_INTERVAL_MS = 5_000;
/**
 * A change every 5.2-10.2 s, uniformly: the time since the polling page's
 * last request is then uniform over its 5 s, as it is for a change in real
 * life, and each change is seen before the next.
 */
const SPACING_MS = { min: 5_200, max: 10_200 };
const IDLE_MS = setting('idle time, ms', {
  full: 60_000,
  quick: 15_000,
  dry: 1_000,
});
const GOAL = { p95Ms: 1_000, pollingRequestsWhileConnected: 0 };
const NAME = 'live-status';
const NAMESPACE = 'default';
const platform = { project: 'meshifi-platform', location: 'EU' };

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The product, as an XR and its ten composed resources, as Crossplane would label them. */
function productObjects() {
  const manifest = dataProductManifest({
    info: { name: NAME, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
  });
  manifest.metadata.namespace = NAMESPACE;
  const composed = compose(manifest, platform).map(c => ({
    ...c.resource,
    metadata: {
      ...c.resource.metadata,
      namespace: NAMESPACE,
      labels: {
        ...c.resource.metadata.labels,
        [CROSSPLANE_LABELS.composite]: NAME,
      },
    },
  }));
  return { manifest, composed };
}

/** What a page that has change `n` shows. */
const changeMessage = (n: number) =>
  `googleapi: Error 403: Access Denied (live-status change ${n})`;

/** One open product page: when it first showed each change, and its requests. */
abstract class OpenPage {
  readonly seen = new Map<number, number>();
  requests = 0;
  private expected?: { n: number; startedAt: number };
  readonly latencies: number[] = [];

  constructor(protected readonly reportUrl: string) {}

  /** The next change the page should show, and when it was made. */
  expect(n: number, startedAt: number) {
    this.expected = { n, startedAt };
  }

  protected async fetchReport() {
    this.requests += 1;
    const res = await fetch(this.reportUrl, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    const text = await res.text();
    const expected = this.expected;
    if (
      expected &&
      !this.seen.has(expected.n) &&
      text.includes(changeMessage(expected.n))
    ) {
      const latency = performance.now() - expected.startedAt;
      this.seen.set(expected.n, latency);
      this.latencies.push(latency);
    }
  }

  abstract open(): Promise<void>;
  abstract close(): void;
}

/** useProvisioning with the signals plugin: fetch on open and on each signal. */
class SignalsPage extends OpenPage {
  signals = 0;
  private socket?: WebSocket;

  constructor(
    reportUrl: string,
    private readonly signalsUrl: string,
    private readonly channel: string,
  ) {
    super(reportUrl);
  }

  /**
   * Connects as the signals plugin's client does, and like it tries again:
   * the signals backend starts listening for upgrades on the first one it
   * sees, which it therefore leaves unanswered.
   */
  private async connect(): Promise<WebSocket> {
    for (let attempt = 1; ; attempt++) {
      const socket = new WebSocket(
        this.signalsUrl,
        mockCredentials.user.token(),
      );
      const opened = await new Promise<boolean>(resolve => {
        const timer = setTimeout(() => resolve(false), 2_000);
        socket.onopen = () => {
          clearTimeout(timer);
          resolve(true);
        };
        socket.onerror = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      if (opened) {
        return socket;
      }
      socket.close();
      if (attempt === 5) {
        throw new Error(`cannot open the signals websocket ${this.signalsUrl}`);
      }
    }
  }

  async open() {
    const socket = await this.connect();
    this.socket = socket;
    socket.onmessage = event => {
      const { channel } = JSON.parse(String(event.data));
      if (channel === this.channel) {
        this.signals += 1;
        this.fetchReport();
      }
    };
    socket.send(JSON.stringify({ action: 'subscribe', channel: this.channel }));
    await this.fetchReport();
  }

  close() {
    this.socket?.close(1000);
  }
}

/** The old useProvisioning: fetch, then again 5 s after each answer. */
class PollingPage extends OpenPage {
  private timer?: NodeJS.Timeout;
  private closed = false;

  async open() {
    const loop = async () => {
      await this.fetchReport();
      if (!this.closed) {
        this.timer = setTimeout(loop, POLL_INTERVAL_MS);
      }
    };
    await loop();
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
  }
}

async function seed(admin: KubeConfig) {
  const custom = admin.makeApiClient(CustomObjectsApi);
  const { manifest, composed } = productObjects();
  for (const object of [manifest, ...composed]) {
    await custom.createNamespacedCustomObject({
      ...apiResourceOf(kindOf(object)!),
      namespace: NAMESPACE,
      body: object,
    });
  }
  return {
    dataset: composed.find(o => o.metadata.name === `${NAME}-raw`)!,
    resources: composed.length,
  };
}

async function failDataset(
  admin: KubeConfig,
  dataset: { apiVersion: string; metadata: { name: string } },
  n: number,
) {
  const now = new Date().toISOString();
  await admin.makeApiClient(CustomObjectsApi).patchNamespacedCustomObjectStatus(
    {
      ...apiResourceOf(KINDS.dataset),
      namespace: NAMESPACE,
      name: dataset.metadata.name,
      body: {
        status: {
          conditions: [
            {
              type: 'Synced',
              status: 'False',
              reason: 'ReconcileError',
              message: changeMessage(n),
              lastTransitionTime: now,
            },
            {
              type: 'Ready',
              status: 'False',
              reason: 'Creating',
              lastTransitionTime: now,
            },
          ],
        },
      },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
}

async function measure(admin: KubeConfig) {
  const { dataset, resources } = await seed(admin);
  const entity = manifestToEntities(productObjects().manifest, {
    defaultOwner: 'group:default/data-platform',
  });
  if (!entity.ok) {
    throw new Error(entity.message);
  }
  const backend = await startTestBackend({
    features: [
      meshifiPlugin,
      signalsPlugin,
      eventsPlugin,
      // One events bus and one signals service from node_modules: the
      // bundled meshifi plugin would otherwise bring default factories of
      // its own copies, publishing where the signals backend does not listen.
      eventsServiceFactory,
      createServiceFactory({
        service: signalsServiceRef,
        deps: { events: eventsServiceRef },
        factory: ({ events }) => DefaultSignalsService.create({ events }),
      }),
      catalogServiceMock.factory({ entities: entity.entities }),
      mockServices.permissions.factory(),
      mockServices.rootConfig.factory({
        data: {
          // One backend process: the events bus's HTTP long-poll has no
          // other instance to reach, and would hold stop() for up to 55 s.
          events: { useEventBus: 'never' },
          meshifi: { platform },
          kubernetes: {
            clusterLocatorMethods: await backstageClusterLocator(admin),
          },
        },
      }),
    ],
  });
  const port = (backend.server.address() as { port: number }).port;
  const reportUrl = `http://localhost:${port}/api/meshifi/products/${NAMESPACE}/${NAME}/provisioning`;
  const headers = { Authorization: mockCredentials.user.header() };
  for (;;) {
    const report = await (await fetch(reportUrl, { headers })).json();
    if (report.resources?.length === resources) {
      break;
    }
    await sleep(200);
  }
  // The cache's first signals (the initial list) are not the benchmark's.
  await sleep(1_000);

  const signalsPage = new SignalsPage(
    reportUrl,
    `ws://localhost:${port}/api/signals`,
    provisioningSignalChannel({ namespace: NAMESPACE, name: NAME }),
  );
  const pollingPage = new PollingPage(reportUrl);
  await signalsPage.open();
  await pollingPage.open();

  // A warm-up change, not counted: it proves the signals reach the page.
  signalsPage.expect(0, performance.now());
  await failDataset(admin, dataset, 0);
  const warmUpDeadline = performance.now() + 10_000;
  while (!signalsPage.seen.has(0) && performance.now() < warmUpDeadline) {
    await sleep(50);
  }
  if (!signalsPage.seen.has(0)) {
    throw new Error(
      `no signal reached the page within 10 s of a change (${signalsPage.signals} signals received)`,
    );
  }
  signalsPage.latencies.length = 0;
  await sleep(SPACING_MS.min);

  const random = seededRandom(12);
  const changesStarted = performance.now();
  const requestsBefore = [signalsPage.requests, pollingPage.requests];
  const missed = { signals: 0, polling: 0 };
  for (let n = 1; n <= CHANGES; n++) {
    const startedAt = performance.now();
    signalsPage.expect(n, startedAt);
    pollingPage.expect(n, startedAt);
    await failDataset(admin, dataset, n);
    // The next change comes after a random pause, whatever the pages saw:
    // waiting for them would lock the changes to the polling page's rhythm.
    const spacing =
      SPACING_MS.min + random() * (SPACING_MS.max - SPACING_MS.min);
    await sleep(Math.max(0, startedAt + spacing - performance.now()));
    missed.signals += signalsPage.seen.has(n) ? 0 : 1;
    missed.polling += pollingPage.seen.has(n) ? 0 : 1;
  }
  const changeMinutes = (performance.now() - changesStarted) / 60_000;
  const duringChanges = {
    minutes: changeMinutes,
    signals: (signalsPage.requests - requestsBefore[0]) / changeMinutes,
    polling: (pollingPage.requests - requestsBefore[1]) / changeMinutes,
  };

  const idleBefore = [signalsPage.requests, pollingPage.requests];
  const signalsBeforeIdle = signalsPage.signals;
  await sleep(IDLE_MS);
  const idleMinutes = IDLE_MS / 60_000;
  const idle = {
    minutes: idleMinutes,
    signals: (signalsPage.requests - idleBefore[0]) / idleMinutes,
    polling: (pollingPage.requests - idleBefore[1]) / idleMinutes,
    signalsReceived: signalsPage.signals - signalsBeforeIdle,
  };
  signalsPage.close();
  pollingPage.close();
  await backend.stop();
  return {
    signals: summarize(signalsPage.latencies),
    polling: summarize(pollingPage.latencies),
    missed,
    signalsReceived: signalsPage.signals,
    requestsPerMinute: { duringChanges, idle },
  };
}

const ms = (value: number) => `${Math.round(value)} ms`;
const line = (label: string, s: Summary) =>
  `${label}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (${
    s.count
  } changes)`;

async function main() {
  const started = Date.now();
  console.log('Starting a control plane ...');
  const controlPlane = await startTestControlPlane({ crossplane: true });
  try {
    // Only the benchmark writes the product's resources: Crossplane stops,
    // its CRDs and meshifi's XRDs stay.
    stopCrossplane(controlPlane.dir);
    const admin = new KubeConfig();
    admin.loadFromFile(controlPlane.kubeconfigPath);
    console.log(
      `Measuring ${CHANGES} changes, then ${IDLE_MS / 1000} s idle ...`,
    );
    const results = await measure(admin);
    const { duringChanges, idle } = results.requestsPerMinute;
    console.log();
    console.log(
      `live status: ${CHANGES} status changes of a managed resource, ${
        SPACING_MS.min / 1000
      }-${
        SPACING_MS.max / 1000
      } s apart; time from sending the patch to an open page's report showing it`,
    );
    console.log(line('signals (push, refetch)', results.signals));
    console.log(
      line(`polling (every ${POLL_INTERVAL_MS / 1000} s)`, results.polling),
    );
    console.log(
      `ratio polling/signals: p50 ${(
        results.polling.p50 / results.signals.p50
      ).toFixed(1)}x, p95 ${(results.polling.p95 / results.signals.p95).toFixed(
        1,
      )}x; changes not seen before the next one: signals ${
        results.missed.signals
      }, polling ${results.missed.polling}`,
    );
    console.log(
      `signals received by the open page: ${results.signalsReceived} for ${CHANGES} changes`,
    );
    console.log(
      `HTTP requests per minute per open page while changing: signals ${duringChanges.signals.toFixed(
        1,
      )}, polling ${duringChanges.polling.toFixed(1)}`,
    );
    console.log(
      `HTTP requests per minute per open page with nothing changing: signals ${idle.signals.toFixed(
        1,
      )} (${idle.signalsReceived} signals), polling ${idle.polling.toFixed(1)}`,
    );
    console.log(
      `goal: signals p95 ≤ ${GOAL.p95Ms} ms: ${
        results.signals.p95 <= GOAL.p95Ms ? 'met' : 'not met'
      }; no requests while connected and nothing changes: ${
        idle.signals === 0 ? 'met' : 'not met'
      }`,
    );
    const polling = `polling every ${POLL_INTERVAL_MS / 1000} s`;
    recordFigures({
      benchmark: 'live-status',
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      sizes: {
        changes: CHANGES,
        pollIntervalMs: POLL_INTERVAL_MS,
        spacingMs: SPACING_MS,
        idleMs: IDLE_MS,
      },
      figures: [
        {
          figure: 'change to open page, p50',
          unit: 'ms',
          meshifi: results.signals.p50,
          baseline: results.polling.p50,
          baselineIs: polling,
        },
        {
          figure: 'change to open page, p95',
          unit: 'ms',
          meshifi: results.signals.p95,
          baseline: results.polling.p95,
          baselineIs: polling,
          goal: { atMost: GOAL.p95Ms },
        },
        {
          figure: 'requests of an open page, nothing changing',
          unit: 'requests/min',
          meshifi: idle.signals,
          baseline: idle.polling,
          baselineIs: polling,
          goal: { atMost: GOAL.pollingRequestsWhileConnected },
        },
      ],
      details: {
        client: 'hook-equivalent client (websocket + fetch), not Chromium',
        ...results,
      },
    });
  } finally {
    await controlPlane.stop();
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
