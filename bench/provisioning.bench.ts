/*
 * The provisioning route with 10,000 products and their 100,000 managed
 * resources in a real kube-apiserver (Crossplane's CRDs installed, Crossplane
 * itself stopped so that it does not compose the products here):
 *
 * - how long the watch cache takes to fill, and the backend's heap for it;
 * - the route's latency (p50/p95) over random products;
 * - Kubernetes API calls per page view, read from the API server's own
 *   apiserver_request_total, for the route and, in the same run, for the
 *   baseline: the same page built from per-resource GETs through Backstage's
 *   Kubernetes proxy (the XR, its ten resources, and its events).
 *
 * Run: yarn bench provisioning   (--quick: 1,000 products;
 * MESHIFI_BENCH_PRODUCTS=N sets the count in any mode)
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import {
  apiPathOf,
  apiResourceOf,
  compose,
  CROSSPLANE_LABELS,
  KINDS,
  kindOf,
  KubernetesObject,
  LABELS,
} from '@meshifi/common';
import { manifestToEntities } from '@meshifi/plugin-catalog-backend-module-meshifi';
import { startTestControlPlane } from '@meshifi/test-utils';
import meshifiPlugin from '@meshifi/plugin-meshifi-backend';
import v8 from 'node:v8';
import vm from 'node:vm';
import fetchWithAgent from 'node-fetch';
import {
  DEFAULT_OWNER,
  DOMAINS,
  productManifest,
} from './lib/catalogDocuments';
import {
  catalogServiceMock,
  defaultOf,
  mockCredentials,
  mockServices,
  startTestBackend,
} from './lib/backendTestUtils';
import { recordFigures } from './lib/figures';
import {
  backstageClusterLocator,
  stopCrossplane,
} from './lib/localControlPlane';
import { size } from './lib/runMode';
import { percentile } from './lib/stats';

const kubernetesPlugin = defaultOf<any>('@backstage/plugin-kubernetes-backend');

const PRODUCTS = size(
  'products',
  { full: 10_000, quick: 1_000, dry: 1 },
  'MESHIFI_BENCH_PRODUCTS',
);
const ROUTE_VIEWS = size('page views through the route', {
  full: 2_000,
  quick: 500,
  dry: 1,
});
const PROXY_VIEWS = size('page views through the proxy', {
  full: 200,
  quick: 50,
  dry: 1,
});
const CONCURRENCY = 64;
const platform = { project: 'meshifi-platform', location: 'EU' };

// A full garbage collection before each heap reading, so it measures what stays.
v8.setFlagsFromString('--expose-gc');
const collectGarbage: () => void = vm.runInNewContext('gc');
const heapUsed = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        await work(items[next++]);
      }
    }),
  );
}

/** The total of apiserver_request_total, from the API server's metrics. */
async function apiRequests(admin: KubeConfig): Promise<number> {
  const cluster = admin.getCurrentCluster()!;
  const init = await admin.applyToFetchOptions({});
  const response = await fetchWithAgent(
    `${cluster.server}/metrics`,
    init as any,
  );
  const text = await response.text();
  return text
    .split('\n')
    .filter(line => line.startsWith('apiserver_request_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

function productObjects(i: number) {
  const manifest = productManifest(i);
  const namespace = manifest.metadata.namespace!;
  const composed = compose(manifest, platform).map(c => ({
    ...c.resource,
    metadata: {
      ...c.resource.metadata,
      namespace,
      labels: {
        ...c.resource.metadata.labels,
        [CROSSPLANE_LABELS.composite]: manifest.metadata.name,
      },
    },
  }));
  return { manifest, namespace, composed };
}

async function seed(admin: KubeConfig) {
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  for (let d = 0; d < DOMAINS; d++) {
    await core.createNamespace({ body: { metadata: { name: `domain-${d}` } } });
  }
  const objects: KubernetesObject[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const { manifest, composed } = productObjects(i);
    objects.push(manifest, ...composed);
  }
  const started = Date.now();
  await inParallel(objects, async object => {
    await custom.createNamespacedCustomObject({
      ...apiResourceOf(kindOf(object)!),
      namespace: object.metadata.namespace!,
      body: object,
    });
  });
  return { count: objects.length, seconds: (Date.now() - started) / 1000 };
}

async function main() {
  const started = Date.now();
  console.log(`Starting a control plane and seeding ${PRODUCTS} products ...`);
  const controlPlane = await startTestControlPlane({ crossplane: true });
  try {
    // Crossplane must not compose the seeded products: only its CRDs stay.
    stopCrossplane(controlPlane.dir);
    const admin = new KubeConfig();
    admin.loadFromFile(controlPlane.kubeconfigPath);
    const seeded = await seed(admin);
    console.log(
      `Seeded ${seeded.count} objects in ${seeded.seconds.toFixed(
        1,
      )} s (${Math.round(seeded.count / seeded.seconds)}/s)`,
    );
    const clusterLocatorMethods = await backstageClusterLocator(admin);
    const entities = Array.from({ length: PRODUCTS }, (_, i) => {
      const result = manifestToEntities(productManifest(i), {
        defaultOwner: DEFAULT_OWNER,
      });
      if (!result.ok) {
        throw new Error(result.message);
      }
      return result.entities[0];
    });

    const heapBefore = heapUsed();
    const startedAt = Date.now();
    const backend = await startTestBackend({
      features: [
        meshifiPlugin,
        kubernetesPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            meshifi: { platform },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods,
            },
          },
        }),
      ],
    });
    const base = `http://localhost:${(backend.server.address() as any).port}`;
    const headers = { Authorization: mockCredentials.user.header() };
    const routeOf = (i: number) =>
      `${base}/api/meshifi/products/default/product-${i}/provisioning`;
    for (;;) {
      const report = await (
        await fetch(routeOf(PRODUCTS - 1), { headers })
      ).json();
      if (
        report.clusters?.[0]?.connection === 'live' &&
        report.resources.length === 10
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    const fillSeconds = (Date.now() - startedAt) / 1000;
    const heapMb = (heapUsed() - heapBefore) / 1024 / 1024;

    const random = () => Math.floor(Math.random() * PRODUCTS);
    const routeLatencies: number[] = [];
    const routeCallsBefore = await apiRequests(admin);
    for (let v = 0; v < ROUTE_VIEWS; v++) {
      const started = performance.now();
      const res = await fetch(routeOf(random()), { headers });
      await res.json();
      routeLatencies.push(performance.now() - started);
    }
    const routeCalls = (await apiRequests(admin)) - routeCallsBefore;

    const proxy = `${base}/api/kubernetes/proxy`;
    const proxyHeaders = {
      ...headers,
      'Backstage-Kubernetes-Cluster': 'local',
    };
    const proxyLatencies: number[] = [];
    const proxyCallsBefore = await apiRequests(admin);
    for (let v = 0; v < PROXY_VIEWS; v++) {
      const { manifest, namespace, composed } = productObjects(random());
      const started = performance.now();
      const paths = [
        `${apiPathOf(KINDS.dataProduct, namespace)}/${manifest.metadata.name}`,
        ...composed.map(
          o => `${apiPathOf(kindOf(o)!, namespace)}/${o.metadata.name}`,
        ),
        `${apiPathOf(
          KINDS.event,
          namespace,
        )}?fieldSelector=involvedObject.name%3D${manifest.metadata.name}`,
      ];
      await Promise.all(
        paths.map(async p => {
          const res = await fetch(`${proxy}${p}`, { headers: proxyHeaders });
          if (!res.ok && res.status !== 404) {
            throw new Error(`proxy ${p}: ${res.status} ${await res.text()}`);
          }
        }),
      );
      proxyLatencies.push(performance.now() - started);
    }
    const proxyCalls = (await apiRequests(admin)) - proxyCallsBefore;
    await backend.stop();

    const routePerView = routeCalls / ROUTE_VIEWS;
    const proxyPerView = proxyCalls / PROXY_VIEWS;
    console.log();
    console.log(
      `Products: ${PRODUCTS} (${PRODUCTS * 11} objects in the cache)`,
    );
    console.log(
      `Cache filled (list + watch of ${
        LABELS.dataProduct
      }-labelled kinds) in ${fillSeconds.toFixed(
        1,
      )} s; backend heap grew by ${heapMb.toFixed(0)} MB`,
    );
    console.log(
      `Route, ${ROUTE_VIEWS} page views: p50 ${percentile(
        routeLatencies,
        50,
      ).toFixed(2)} ms, p95 ${percentile(routeLatencies, 95).toFixed(2)} ms`,
    );
    console.log(
      `Per-resource GETs through the Kubernetes proxy, ${PROXY_VIEWS} page views: p50 ${percentile(
        proxyLatencies,
        50,
      ).toFixed(2)} ms, p95 ${percentile(proxyLatencies, 95).toFixed(2)} ms`,
    );
    console.log(
      `Kubernetes API calls per page view: route ${routePerView.toFixed(
        2,
      )}, proxy ${proxyPerView.toFixed(2)}`,
    );
    console.log(
      `Latency ratio proxy/route at p50: ${(
        percentile(proxyLatencies, 50) / percentile(routeLatencies, 50)
      ).toFixed(1)}x`,
    );
    const latency = (p: number) => ({
      meshifi: percentile(routeLatencies, p),
      baseline: percentile(proxyLatencies, p),
    });
    const proxyBaseline = 'per-resource GETs through the Kubernetes proxy';
    recordFigures({
      benchmark: 'provisioning',
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      sizes: {
        products: PRODUCTS,
        routeViews: ROUTE_VIEWS,
        proxyViews: PROXY_VIEWS,
      },
      figures: [
        {
          figure: 'page view latency, p50',
          unit: 'ms',
          ...latency(50),
          baselineIs: proxyBaseline,
        },
        {
          figure: 'page view latency, p95',
          unit: 'ms',
          ...latency(95),
          baselineIs: proxyBaseline,
        },
        {
          figure: 'Kubernetes API calls per page view',
          unit: 'calls',
          meshifi: routePerView,
          baseline: proxyPerView,
          baselineIs: proxyBaseline,
        },
        { figure: 'watch cache filled', unit: 's', meshifi: fillSeconds },
        { figure: 'backend heap growth', unit: 'MB', meshifi: heapMb },
      ],
      details: { seeded },
    });
  } finally {
    await controlPlane.stop();
  }
}

// Exits when done, as the other backend benchmarks do: the test backend
// leaves its database pool's timers running after it stops.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
