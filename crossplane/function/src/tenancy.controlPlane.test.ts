/*
 * Tenancy on a real control plane: kube-apiserver + etcd +
 * kube-controller-manager (garbage collector) and real Crossplane core
 * calling this function (bundled from these sources), with meshifi's XRDs
 * and Compositions. What the function refuses must show on the XR, and
 * nothing may be composed, adopted or deleted that is not the XR's own.
 *
 * Crossplane runs here without webhooks, so Usages are created and checked
 * by the API server against Crossplane's CRD, but not enforced.
 */
import {
  compose,
  CROSSPLANE_LABELS,
  dataDomainManifest,
  dataProductManifest,
  MANAGED_KINDS,
} from '@meshifi/common';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import {
  ClusterObject,
  conditionOf,
  ControlPlane,
  startControlPlane,
} from './__testUtils__/controlPlane';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

jest.setTimeout(180_000);

const COMPOSITE = CROSSPLANE_LABELS.composite;

/** Each read starts kubectl: poll at half the usual pace. */
const KUBECTL_POLL = { intervalMs: 500 };

const domain = (name: string) =>
  dataDomainManifest(name, {
    owner: `group:default/${name}`,
    gcpProject: `acme-${name}-data`,
  });

/** A product in `namespace` whose spec says `domain`. */
const productIn = (namespace: string, name: string, domainName?: string) => {
  const manifest = dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    ...(domainName ? { domain: domainName } : {}),
  });
  return { ...manifest, metadata: { ...manifest.metadata, namespace } };
};

/** The managed resource types of a product, as kubectl names them. */
const managedTypes = MANAGED_KINDS.map(k => `${k.plural}.${k.group}`).join(',');

describeIf('tenancy on a real control plane with Crossplane', () => {
  let cluster: ControlPlane;

  const synced = (object: ClusterObject | undefined) =>
    conditionOf(object, 'Synced');

  /** Waits until the XR reports Synced=False with a message containing `text`. */
  const refused = (resource: string, name: string, text: string, ns?: string) =>
    eventually(async () => {
      const xr = await cluster.get(resource, name, ns);
      expect(synced(xr)).toMatchObject({
        status: 'False',
        message: expect.stringContaining(text),
      });
      return xr;
    }, KUBECTL_POLL);

  beforeAll(async () => {
    const started = await startControlPlane();
    cluster = started;
    await started.create(domain('sales'), domain('finance'));
    await Promise.all(
      ['sales', 'finance'].map(name =>
        eventually(async () => {
          const ready = conditionOf(
            await started.get('datadomain', name),
            'Ready',
          );
          if (ready?.status !== 'True') {
            throw new Error(
              `domain ${name} not Ready: ${JSON.stringify(ready)}`,
            );
          }
        }, KUBECTL_POLL),
      ),
    );
  }, 15 * 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 120_000);

  it("composes a domain's namespace and keeps it, Ready, across later reconciles", async () => {
    const namespace = await cluster.get('namespace', 'sales');
    const xr = await cluster.get('datadomain', 'sales');
    expect(namespace?.metadata.labels).toMatchObject({
      [COMPOSITE]: 'sales',
      'meshifi.io/domain': 'sales',
    });
    expect(namespace?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'DataDomain', uid: xr!.metadata.uid }),
    ]);

    // A change of spec makes Crossplane compose again: the namespace now
    // exists and is the domain's own, which must not stop it.
    await cluster.kubectl([
      'patch',
      'datadomain',
      'sales',
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { description: 'Orders and customers.' } }),
    ]);
    const generation = (await cluster.get('datadomain', 'sales'))!.metadata
      .generation!;
    const after = await eventually(async () => {
      const domainXr = await cluster.get('datadomain', 'sales');
      expect(synced(domainXr)?.observedGeneration).toBeGreaterThanOrEqual(
        generation,
      );
      return domainXr;
    }, KUBECTL_POLL);
    expect(synced(after)).toMatchObject({ status: 'True' });
    expect(conditionOf(after, 'Ready')).toMatchObject({ status: 'True' });
    expect((await cluster.get('namespace', 'sales'))?.metadata.uid).toBe(
      namespace!.metadata.uid,
    );
  });

  it('does not take over a namespace that exists, and cannot delete it', async () => {
    await cluster.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'legacy-app' },
    });
    await cluster.create(domain('legacy-app'));
    const xr = await refused(
      'datadomain',
      'legacy-app',
      'The namespace "legacy-app" already exists and belongs to something else: pick another domain name',
    );
    expect(conditionOf(xr, 'Ready')?.status).not.toBe('True');

    const namespace = await cluster.get('namespace', 'legacy-app');
    expect(namespace?.metadata.ownerReferences ?? []).toEqual([]);
    expect(namespace?.metadata.labels ?? {}).not.toHaveProperty(COMPOSITE);
    expect(namespace?.metadata.labels ?? {}).not.toHaveProperty(
      'meshifi.io/domain',
    );

    // Deleting the domain leaves the namespace alone.
    await cluster.kubectl([
      'delete',
      'datadomain',
      'legacy-app',
      '--wait=true',
      '--timeout=60s',
    ]);
    await new Promise(resolve => setTimeout(resolve, 3000));
    const still = await cluster.get('namespace', 'legacy-app');
    expect(still?.metadata.uid).toBe(namespace!.metadata.uid);
    expect(still?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses a domain named like a reserved namespace and leaves that namespace alone', async () => {
    await cluster.create(domain('kube-system'));
    await refused(
      'datadomain',
      'kube-system',
      'The domain name "kube-system" is reserved',
    );
    const namespace = await cluster.get('namespace', 'kube-system');
    expect(namespace?.metadata.ownerReferences ?? []).toEqual([]);
    expect(namespace?.metadata.labels ?? {}).not.toHaveProperty(COMPOSITE);
  });

  it('builds nothing for a product in the sales namespace that names the finance domain', async () => {
    await cluster.create(productIn('sales', 'sneaky-orders', 'finance'));
    await refused(
      'dataproduct',
      'sneaky-orders',
      'is in the namespace "sales", so it belongs to the domain "sales", but its spec.domain is "finance"',
      'sales',
    );
    // Give Crossplane a few more reconciles to do anything it would.
    await new Promise(resolve => setTimeout(resolve, 5000));
    expect(
      await cluster.list(managedTypes, `${COMPOSITE}=sneaky-orders`),
    ).toEqual([]);
    expect(
      await cluster.list(
        'usages.protection.crossplane.io',
        `${COMPOSITE}=sneaky-orders`,
      ),
    ).toEqual([]);
  });

  it('builds nothing for a product in a domain namespace without spec.domain', async () => {
    await cluster.create(productIn('sales', 'domainless-orders'));
    await refused(
      'dataproduct',
      'domainless-orders',
      'but it has no spec.domain',
      'sales',
    );
    expect(
      await cluster.list(managedTypes, `${COMPOSITE}=domainless-orders`),
    ).toEqual([]);
  });

  it("composes a product of its namespace's domain in the domain's project, with Usages of the domain", async () => {
    const product = productIn('sales', 'customer-orders', 'sales');
    const expected = compose(
      product,
      { project: 'meshifi-platform', location: 'EU' },
      domain('sales'),
    );
    await cluster.create(product);
    const managed = await eventually(async () => {
      const items = await cluster.list(
        managedTypes,
        `${COMPOSITE}=customer-orders`,
      );
      expect(items).toHaveLength(expected.length);
      return items;
    }, KUBECTL_POLL);
    expect(managed.map(o => o.metadata.name).sort()).toEqual(
      expected.map(c => c.resource.metadata.name).sort(),
    );
    for (const object of managed) {
      expect(object.metadata.namespace).toBe('sales');
      expect(JSON.stringify(object.spec.forProvider)).not.toContain(
        'acme-finance-data',
      );
    }
    const datasets = managed.filter(o => o.kind === 'Dataset');
    expect(datasets.map(d => d.spec.forProvider.project)).toEqual([
      'acme-sales-data',
      'acme-sales-data',
      'acme-sales-data',
    ]);

    // The API server accepted the Usages against Crossplane's CRD, with the
    // empty namespace that makes them apply to cluster-scoped resources.
    const usages = await eventually(async () => {
      const items = await cluster.list(
        'usages.protection.crossplane.io',
        `${COMPOSITE}=customer-orders`,
      );
      expect(items).toHaveLength(2);
      return items;
    }, KUBECTL_POLL);
    expect(
      usages
        .map(u => [u.metadata.namespace, u.spec.of.kind, u.spec.of.resourceRef])
        .sort(),
    ).toEqual([
      ['sales', 'DataDomain', { name: 'sales', namespace: '' }],
      ['sales', 'Namespace', { name: 'sales', namespace: '' }],
    ]);
  });
});
