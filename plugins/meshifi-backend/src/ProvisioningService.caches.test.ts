/*
 * What the service answers from its clusters' caches, without a control
 * plane: the caches are fed by hand through memory watches. The report of a
 * product a cluster has, which cluster answers, when a report is dated
 * from, and why a product is not there. provisioning.test.ts asks the same
 * questions of a real kube-apiserver, where one is available.
 */
import {
  compose,
  dataProductManifest,
  deriveStatus,
  KubernetesObject,
  LABELS,
} from '@meshifi/common';
import { toKubernetesError } from '@meshifi/node/kubernetes';
import { ProvisioningService } from './ProvisioningService';
import { memoryCluster } from './watch/__testUtils__/memoryCluster';

const platform = { project: 'meshifi-platform', location: 'EU' };
const manifest = dataProductManifest({
  info: { name: 'orders', version: '0.1.0', title: 'Orders' },
  domain: 'sales',
  access: { owners: ['ana@example.com'] },
});
const target = { namespace: 'sales', name: 'orders', manifest };
const now = new Date('2026-03-04T05:06:07Z');

/** The XR as the cluster has it. */
const xr: KubernetesObject = {
  ...manifest,
  metadata: { ...manifest.metadata, namespace: 'sales', uid: 'uid-orders' },
};

/** What Crossplane composed for it, but for the last resource. */
const expected = compose(manifest, platform);
const composed: KubernetesObject[] = expected.slice(0, -1).map(e => ({
  ...e.resource,
  metadata: {
    ...e.resource.metadata,
    namespace: 'sales',
    uid: `uid-${e.resource.metadata.name}`,
  },
}));
const notComposed = expected[expected.length - 1].resource;

const eventAboutXr = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'orders.1', namespace: 'sales', uid: 'uid-event' },
  involvedObject: {
    apiVersion: xr.apiVersion,
    kind: xr.kind,
    name: 'orders',
    namespace: 'sales',
    uid: 'uid-orders',
  },
  type: 'Normal',
  reason: 'SelectComposition',
  message: 'Successfully selected composition',
  count: 1,
  lastTimestamp: '2026-03-04T05:00:00Z',
};

type Cluster = ReturnType<typeof memoryCluster>;

/** A cluster whose cache has the product, what it composed, and an event. */
function clusterWithProduct(name: string): Cluster {
  const cluster = memoryCluster(name);
  cluster.watch('DataProduct').put(xr);
  for (const object of composed) {
    cluster.watch(object.kind).put(object);
  }
  cluster.watch('Event:meshifi.io/v1alpha1').put(eventAboutXr);
  return cluster;
}

async function started(...clusters: Cluster[]) {
  const service = new ProvisioningService(
    clusters.map(c => c.cache),
    platform,
  );
  await service.start();
  return service;
}

const failing = (since: Date) => ({
  state: 'failing' as const,
  since,
  failures: 1,
  error: toKubernetesError(
    Object.assign(
      new Error(
        'request to https://10.0.0.1:6443/apis failed, reason: connect ECONNREFUSED 10.0.0.1:6443',
      ),
      { code: 'ECONNREFUSED' },
    ),
  ),
});

describe('ProvisioningService on its clusters’ caches', () => {
  it('reports a product from the cache: the XR, what it composed, its events, and what is missing', async () => {
    const service = await started(clusterWithProduct('local'));
    const report = service.report(target, now);

    expect(report.state).toBe(deriveStatus(xr, composed, expected).state);
    expect(report.observedAt).toBe(now.toISOString());
    expect(report.clusters).toEqual([{ name: 'local', connection: 'live' }]);
    expect(report.xr).toMatchObject({ namespace: 'sales', name: 'orders' });
    expect(report.resources.map(r => r.name).sort()).toEqual(
      composed.map(o => o.metadata.name).sort(),
    );
    expect(report.missing.map(m => m.name)).toEqual([
      notComposed.metadata.name,
    ]);
    expect(report.events).toEqual([
      expect.objectContaining({
        reason: 'SelectComposition',
        kind: 'DataProduct',
        name: 'orders',
      }),
    ]);
  });

  it('answers from the first cluster that has the product', async () => {
    const service = await started(
      memoryCluster('empty'),
      clusterWithProduct('east'),
      clusterWithProduct('west'),
    );
    expect(service.report(target, now).clusters).toEqual([
      { name: 'east', connection: 'live' },
    ]);
  });

  it('dates a report from a cluster it lost to when it was last current, and says why', async () => {
    const cluster = clusterWithProduct('local');
    const service = await started(cluster);
    const since = new Date('2026-03-04T04:00:00Z');
    cluster.watch('Dataset').state = failing(since);

    const report = service.report(target, now);
    expect(report.observedAt).toBe(since.toISOString());
    expect(report.clusters).toEqual([
      {
        name: 'local',
        connection: 'unreachable',
        message:
          'Cannot reach the cluster local since 2026-03-04T04:00:00.000Z: no connection to the cluster: connect ECONNREFUSED 10.0.0.1:6443.',
      },
    ]);
  });

  it('says the product is not applied yet when every cluster is live and none has it, and what it will need', async () => {
    const service = await started(memoryCluster('local'));
    const report = service.report(
      { ...target, project: 'acme-sales-data' },
      now,
    );
    expect(report.state).toBe('not-in-cluster');
    expect(report.reason).toMatch(
      /^The product is in Git but not in the cluster yet/,
    );
    expect(report.clusters).toEqual([{ name: 'local', connection: 'live' }]);
    expect(report.missing.map(m => m.key)).toEqual(expected.map(e => e.key));
    // In the project the catalog places the product in, not the platform's.
    expect(report.missing.find(m => m.kind === 'Dataset')?.summary).toContain(
      'acme-sales-data',
    );
  });

  it('expects nothing of a manifest that cannot be composed', async () => {
    const service = await started(memoryCluster('local'));
    const broken = {
      ...manifest,
      spec: {
        ...manifest.spec,
        info: { ...manifest.spec.info, name: 'Not A Name!' },
      },
    };
    const report = service.report({ ...target, manifest: broken }, now);
    expect(report.state).toBe('not-in-cluster');
    expect(report.missing).toEqual([]);
  });

  it('says it is still reading a cluster whose watches have not listed yet', () => {
    const service = new ProvisioningService(
      [memoryCluster('local').cache],
      platform,
    );
    const report = service.report(target, now);
    expect(report.state).toBe('unreachable');
    expect(report.reason).toBe(
      'Still reading the cluster local. Try again in a moment.',
    );
    expect(report.clusters).toEqual([{ name: 'local', connection: 'syncing' }]);
  });

  it('says why a cluster cannot be read when no cluster has the product', async () => {
    const down = memoryCluster('down');
    const service = await started(memoryCluster('up'), down);
    down.watch('DataProduct').state = failing(new Date('2026-03-04T04:00:00Z'));
    const report = service.report(target, now);
    expect(report.state).toBe('unreachable');
    expect(report.reason).toBe(
      'Cannot reach the cluster down since 2026-03-04T04:00:00.000Z: no connection to the cluster: connect ECONNREFUSED 10.0.0.1:6443.',
    );
  });

  describe('when the GitOps sync cannot apply files of the domain', () => {
    /** The Kustomization applying the products of sales, as kustomize-controller v1.9.6 leaves a broken file. */
    const salesProducts = (brokenFile: string): KubernetesObject => ({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name: 'meshifi-products-sales',
        namespace: 'flux-system',
        labels: {
          'app.kubernetes.io/part-of': 'meshifi',
          [LABELS.productsOf]: 'sales',
        },
      },
      spec: { path: './domains/sales/products' },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'BuildFailed',
            message: `kustomize build failed: failed to decode Kubernetes YAML from /tmp/kustomization-2231187446/${brokenFile}: MalformedYAMLError: yaml: line 3: did not find expected node content`,
          },
        ],
      },
    });

    it("carries a sibling's broken file in the report of a product the cluster has, keeping its state", async () => {
      const cluster = clusterWithProduct('local');
      cluster
        .watch('Kustomization')
        .put(salesProducts('domains/sales/products/broken.yaml'));
      const service = await started(cluster);
      const report = service.report(target, now);
      expect(report.state).toBe(deriveStatus(xr, composed, expected).state);
      expect(report.gitopsApply).toEqual({
        state: 'held-back',
        domain: 'sales',
        file: 'domains/sales/products/broken.yaml',
        reason:
          'failed to decode Kubernetes YAML from domains/sales/products/broken.yaml: MalformedYAMLError: yaml: line 3: did not find expected node content',
      });
    });

    it('tells of a new product that a sibling holds back, rather than to wait', async () => {
      const cluster = memoryCluster('local');
      cluster
        .watch('Kustomization')
        .put(salesProducts('domains/sales/products/broken.yaml'));
      const service = await started(cluster);
      const report = service.report(target, now);
      expect(report.state).toBe('not-in-cluster');
      expect(report.reason).toBe(
        'Changes to the data products of sales are held back: the file domains/sales/products/broken.yaml could not be applied. This product is created once that is fixed. Ask your platform team if it stays so.',
      );
      expect(report.gitopsApply).toMatchObject({ state: 'held-back' });
    });

    it("names the product's own file, found without a manifest by its namespace", async () => {
      const cluster = memoryCluster('local');
      cluster
        .watch('Kustomization')
        .put(salesProducts('domains/sales/products/orders.yaml'));
      const service = await started(cluster);
      const report = service.report(
        { namespace: 'sales', name: 'orders' },
        now,
      );
      expect(report.reason).toMatch(
        /^The platform could not apply this data product's file domains\/sales\/products\/orders\.yaml: failed to decode/,
      );
      expect(report.gitopsApply).toMatchObject({ state: 'file-failed' });
    });

    it('says nothing of Flux where there is none, nor of another domain', async () => {
      const cluster = clusterWithProduct('local');
      const service = await started(cluster);
      expect(service.report(target, now)).not.toHaveProperty('gitopsApply');
      cluster.watch('Kustomization').state = failing(now);
      expect(service.report(target, now).clusters).toEqual([
        { name: 'local', connection: 'live' },
      ]);
      const other = memoryCluster('local');
      other.watch('Kustomization').put({
        ...salesProducts('domains/sales/products/broken.yaml'),
        metadata: { name: 'x', labels: { [LABELS.productsOf]: 'finance' } },
      });
      const report = (await started(other)).report(target, now);
      expect(report).not.toHaveProperty('gitopsApply');
      expect(report.reason).toMatch(/^The product is in Git but not/);
    });
  });

  it('starts and stops the watches of every cluster', async () => {
    const clusters = [memoryCluster('east'), memoryCluster('west')];
    const service = await started(...clusters);
    const states = () =>
      clusters.flatMap(c => [...c.watches.values()].map(w => w.state.state));
    expect(new Set(states())).toEqual(new Set(['synced']));
    await service.stop();
    expect(new Set(states())).toEqual(new Set(['stopped']));
  });
});
