/*
 * The cache's indexes and connection, fed by hand through memory watches:
 * which product each change concerns, what an XR composed, which events
 * are about what. provisioning.test.ts runs the same cache on real watches
 * of a real kube-apiserver.
 */
import {
  apiVersionOf,
  CROSSPLANE_LABELS,
  GCP_KINDS,
  KINDS,
  KubernetesObject,
  LABELS,
  MESHIFI_API_VERSION,
  PRODUCTS_OF_NO_DOMAIN,
} from '@meshifi/common';
import { toKubernetesError } from '@meshifi/node/kubernetes';
import { memoryCluster } from './__testUtils__/memoryCluster';
import { WATCHED_KINDS } from './watchedKinds';

const NAMESPACE = 'sales';

const product = (
  name: string,
  refs: Array<{ apiVersion: string; kind: string; name: string }> = [],
): KubernetesObject => ({
  apiVersion: MESHIFI_API_VERSION,
  kind: 'DataProduct',
  metadata: { name, namespace: NAMESPACE, uid: `uid-${name}` },
  spec: { crossplane: { resourceRefs: refs } },
});

/** A dataset as Crossplane composes it: labelled with its XR, or only with meshifi's label. */
const dataset = (
  name: string,
  labels: Record<string, string> = {},
): KubernetesObject => ({
  ...GCP_KINDS.dataset,
  metadata: { name, namespace: NAMESPACE, uid: `uid-${name}`, labels },
});

const event = (
  name: string,
  about: KubernetesObject,
  message = 'something happened',
): KubernetesObject & Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: NAMESPACE, uid: `uid-${name}` },
  involvedObject: {
    apiVersion: about.apiVersion,
    kind: about.kind,
    name: about.metadata.name,
    namespace: about.metadata.namespace,
    uid: about.metadata.uid,
  },
  type: 'Warning',
  reason: 'Testing',
  message,
});

const names = (objects: KubernetesObject[]) =>
  objects.map(o => o.metadata.name).sort();

const EVENTS_ABOUT_PRODUCTS = `Event:${MESHIFI_API_VERSION}`;
const EVENTS_ABOUT_DATASETS = `Event:${apiVersionOf(KINDS.dataset)}`;

describe('ClusterCache', () => {
  it('watches every kind the backend needs, narrowed to meshifi’s objects', () => {
    const { watches } = memoryCluster();
    expect([...watches.values()].map(w => w.kind)).toEqual(WATCHED_KINDS);
    expect([...watches.keys()]).toEqual([
      'DataProduct',
      'DataDomain',
      'DataAccess',
      'Dataset',
      'DatasetIAMMember',
      'Table',
      'ServiceAccount',
      'ServiceAccountIAMMember',
      'ProjectIAMMember',
      'Event:meshifi.io/v1alpha1',
      'Event:bigquery.gcp.m.upbound.io/v1beta1',
      'Event:cloudplatform.gcp.m.upbound.io/v1beta1',
      'Kustomization',
    ]);
    expect(watches.get('Kustomization')!.kind).toMatchObject({
      group: 'kustomize.toolkit.fluxcd.io',
      version: 'v1',
      plural: 'kustomizations',
      labelSelector: LABELS.productsOf,
      optional: true,
    });
    for (const kind of WATCHED_KINDS.filter(k => k.group.includes('gcp'))) {
      expect(kind.labelSelector).toBe(LABELS.dataProduct);
    }
    expect(
      WATCHED_KINDS.filter(k => k.kind === 'Event').map(k => k.fieldSelector),
    ).toEqual([
      'involvedObject.apiVersion=meshifi.io/v1alpha1',
      'involvedObject.apiVersion=bigquery.gcp.m.upbound.io/v1beta1',
      'involvedObject.apiVersion=cloudplatform.gcp.m.upbound.io/v1beta1',
    ]);
  });

  it("tells of a product's access, not its provisioning, when a grant or its IAM member changes", () => {
    const { cache, watch, changed, accessChanged } = memoryCluster();
    const grant: KubernetesObject = {
      apiVersion: MESHIFI_API_VERSION,
      kind: 'DataAccess',
      metadata: { name: 'orders-abcdefgh', namespace: NAMESPACE },
      spec: { product: 'orders' },
    };
    watch('DataAccess').put(grant);
    watch('DataAccess').put({
      ...grant,
      metadata: { name: 'visits-abcdefgh', namespace: NAMESPACE },
      spec: { product: 'visits' },
    });
    watch('DatasetIAMMember').put({
      ...GCP_KINDS.datasetIamMember,
      metadata: {
        name: 'orders-abcdefgh-curated-reader',
        namespace: NAMESPACE,
        labels: {
          [CROSSPLANE_LABELS.composite]: 'orders-abcdefgh',
          [LABELS.dataAccess]: 'orders-abcdefgh',
          [LABELS.dataProduct]: 'orders',
        },
      },
    });
    expect(accessChanged).toEqual([
      { namespace: NAMESPACE, name: 'orders' },
      { namespace: NAMESPACE, name: 'visits' },
      { namespace: NAMESPACE, name: 'orders' },
    ]);
    expect(changed).toEqual([]);
    expect(names(cache.grantsOf(NAMESPACE, 'orders'))).toEqual([
      'orders-abcdefgh',
    ]);
    expect(names(cache.grantsOf('marketing', 'orders'))).toEqual([]);
    expect(names(cache.composedBy(grant))).toEqual([
      'orders-abcdefgh-curated-reader',
    ]);
  });

  it('finds a product and a domain by name', () => {
    const { cache, watch } = memoryCluster();
    watch('DataProduct').put(product('orders'));
    watch('DataDomain').put({
      apiVersion: MESHIFI_API_VERSION,
      kind: 'DataDomain',
      metadata: { name: 'sales' },
    });
    expect(cache.product(NAMESPACE, 'orders')?.metadata.uid).toBe('uid-orders');
    expect(cache.product('marketing', 'orders')).toBeUndefined();
    expect(cache.domain('sales')?.kind).toBe('DataDomain');
    expect(cache.size()).toMatchObject({ DataProduct: 1, DataDomain: 1 });
  });

  it('finds what an XR composed: what it references and what carries its label, each once', () => {
    const { cache, watch } = memoryCluster();
    const referenced = dataset('orders-raw', {
      [CROSSPLANE_LABELS.composite]: 'orders',
    });
    const notYetReferenced = dataset('orders-cleaned', {
      [CROSSPLANE_LABELS.composite]: 'orders',
    });
    const byMeshifiLabel = dataset('orders-curated', {
      [LABELS.dataProduct]: 'orders',
    });
    const otherProducts = dataset('visits-raw', {
      [CROSSPLANE_LABELS.composite]: 'visits',
    });
    for (const object of [
      referenced,
      notYetReferenced,
      byMeshifiLabel,
      otherProducts,
    ]) {
      watch('Dataset').put(object);
    }
    const xr = product('orders', [
      { ...GCP_KINDS.dataset, name: 'orders-raw' },
      // Another provider's Dataset of the same name is not this one.
      {
        apiVersion: 'bigquery.gcp.upbound.io/v1beta1',
        kind: 'Dataset',
        name: 'visits-raw',
      },
    ]);
    expect(names(cache.composedBy(xr))).toEqual([
      'orders-cleaned',
      'orders-curated',
      'orders-raw',
    ]);

    watch('Dataset').remove(notYetReferenced);
    expect(names(cache.composedBy(xr))).toEqual([
      'orders-curated',
      'orders-raw',
    ]);
  });

  it('gives the events about the objects asked for, and forgets deleted ones', () => {
    const { cache, watch } = memoryCluster();
    const xr = product('orders');
    const raw = dataset('orders-raw', {
      [CROSSPLANE_LABELS.composite]: 'orders',
    });
    const aboutXr = event('e1', xr);
    const aboutDataset = event('e2', raw);
    const aboutOther = event('e3', dataset('visits-raw'));
    watch(EVENTS_ABOUT_PRODUCTS).put(aboutXr);
    watch(EVENTS_ABOUT_DATASETS).put(aboutDataset);
    watch(EVENTS_ABOUT_DATASETS).put(aboutOther);

    expect(names(cache.eventsAbout([xr, raw]))).toEqual(['e1', 'e2']);
    watch(EVENTS_ABOUT_DATASETS).remove(aboutDataset);
    expect(names(cache.eventsAbout([xr, raw]))).toEqual(['e1']);
  });

  it('tells which product a change concerns: its XR, what it composed, an event about either', () => {
    const { watch, changed } = memoryCluster();
    const xr = product('orders');
    const raw = dataset('orders-raw', {
      [CROSSPLANE_LABELS.composite]: 'orders',
    });
    const orders = { namespace: NAMESPACE, name: 'orders' };

    watch('DataProduct').put(xr);
    expect(changed).toEqual([orders]);
    watch('Dataset').put(raw);
    expect(changed).toEqual([orders, orders]);
    watch(EVENTS_ABOUT_DATASETS).put(event('e1', raw));
    watch(EVENTS_ABOUT_PRODUCTS).put(event('e2', xr));
    watch('Dataset').remove(raw);
    expect(changed).toHaveLength(5);

    // Nothing about a product: no signal.
    watch(EVENTS_ABOUT_DATASETS).put(event('e3', dataset('unknown')));
    watch('Dataset').put(dataset('unlabelled'));
    watch('DataDomain').put({
      apiVersion: MESHIFI_API_VERSION,
      kind: 'DataDomain',
      metadata: { name: 'sales' },
    });
    expect(changed).toHaveLength(5);
  });

  it("tells of a domain's products when the Kustomization applying its files changes", () => {
    const { cache, watch, changed, filesChanged } = memoryCluster();
    watch('DataProduct').put(product('orders'));
    watch('DataProduct').put({
      ...product('loose'),
      metadata: { name: 'loose', namespace: 'default' },
    });
    changed.splice(0);
    const kustomization = (productsOf: string): KubernetesObject => ({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name: `products-${productsOf}`,
        namespace: 'flux-system',
        labels: { [LABELS.productsOf]: productsOf },
      },
    });

    watch('Kustomization').put(kustomization(NAMESPACE));
    expect(changed).toEqual([{ namespace: NAMESPACE, name: 'orders' }]);
    watch('Kustomization').put(kustomization(PRODUCTS_OF_NO_DOMAIN));
    expect(changed.at(-1)).toEqual({ namespace: 'default', name: 'loose' });
    watch('Kustomization').put(kustomization('marketing'));
    expect(changed).toHaveLength(2);
    // Every namespace is told, with or without products in the cluster: the
    // pages of products not applied yet listen there.
    expect(filesChanged).toEqual([NAMESPACE, 'default', 'marketing']);
    expect(names([...cache.kustomizations()])).toEqual([
      'products-marketing',
      'products-none',
      'products-sales',
    ]);
  });

  it("keeps a Kustomization's failure while Flux retries the same revision", () => {
    const { cache, watch } = memoryCluster();
    const revision = 'main@sha1:1111111111111111111111111111111111111111';
    const withReady = (ready: Record<string, string>): KubernetesObject => ({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name: 'meshifi-products-sales',
        namespace: 'flux-system',
        labels: { [LABELS.productsOf]: NAMESPACE },
      },
      status: {
        lastAttemptedRevision: revision,
        conditions: [{ type: 'Ready', ...ready }],
      },
    });
    const readyRead = () =>
      (cache.kustomizations()[0].status as any).conditions[0];
    const failure = {
      status: 'False',
      reason: 'BuildFailed',
      message: 'domains/sales/products/broken.yaml: MalformedYAMLError',
    };

    watch('Kustomization').put(withReady(failure));
    watch('Kustomization').put(
      withReady({ status: 'Unknown', reason: 'Progressing' }),
    );
    expect(readyRead()).toEqual({ type: 'Ready', ...failure });

    watch('Kustomization').put(
      withReady({ status: 'True', reason: 'ReconciliationSucceeded' }),
    );
    watch('Kustomization').put(
      withReady({ status: 'Unknown', reason: 'Progressing' }),
    );
    expect(readyRead()).toMatchObject({ status: 'Unknown' });
  });

  it('does without an optional kind the cluster lacks, or cannot read', async () => {
    const { cache, watch } = memoryCluster();
    await cache.start();
    for (const statusCode of [404, 403, 503]) {
      watch('Kustomization').state = {
        state: 'failing',
        since: new Date(),
        failures: 1,
        error: toKubernetesError({ statusCode }),
      };
      expect(cache.connection).toEqual({ state: 'live' });
    }
    expect(cache.kustomizations()).toEqual([]);
    // Until its first answer it is read like any other.
    watch('Kustomization').state = { state: 'connecting' };
    expect(cache.connection).toEqual({ state: 'syncing' });
  });

  it('is syncing until every watch is synced, then live', async () => {
    const { cache, watch } = memoryCluster();
    expect(cache.connection).toEqual({ state: 'syncing' });
    await cache.start();
    expect(cache.connection).toEqual({ state: 'live' });
    watch('Event:meshifi.io/v1alpha1').state = { state: 'connecting' };
    expect(cache.connection).toEqual({ state: 'syncing' });
    await cache.stop();
    expect(cache.connection).toEqual({ state: 'syncing' });
  });

  it.each([
    [
      403,
      'the cluster does not let meshifi do this (HTTP 403); apply the RBAC manifests of @meshifi/plugin-meshifi-backend',
    ],
    [
      404,
      'the cluster answered HTTP 404; are Crossplane, the meshifi package and the GCP provider installed?',
    ],
    [401, "the cluster does not accept meshifi's credentials (HTTP 401)"],
  ])(
    'is unreachable as soon as one watch fails (HTTP %i), saying what to do',
    async (statusCode, error) => {
      const { cache, watch } = memoryCluster();
      await cache.start();
      const since = new Date('2026-01-02T03:04:05Z');
      watch('Dataset').state = {
        state: 'failing',
        since,
        failures: 2,
        error: toKubernetesError({ statusCode }),
      };
      expect(cache.connection).toEqual({ state: 'unreachable', since, error });
    },
  );
});
