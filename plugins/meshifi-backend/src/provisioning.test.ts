/*
 * The status route against a real control plane: kube-apiserver + etcd with
 * the real Crossplane and GCP provider CRDs, and real Crossplane core
 * composing the products this test applies. The backend reads the cluster as
 * a service account bound to the shipped RBAC manifests, so these tests also
 * prove that the ClusterRole allows what the route needs.
 *
 * Stand-in: the GCP provider stand-in does not run here, so that each state
 * is reached when the test says; the test writes the status the stand-in
 * computes (desiredState: the conditions and atProvider fields the real
 * provider reports), or a failure of its own.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  Condition,
  dataProductManifest,
  KubernetesObject,
  LABELS,
  PRODUCTS_OF_NO_DOMAIN,
  ProvisioningReport,
} from '@meshifi/common';
import { desiredState, ManagedResource } from '@meshifi/gcp-provider-stand-in';
import { manifestToEntities } from '@meshifi/plugin-catalog-backend-module-meshifi';
import {
  controlPlaneAvailable,
  eventually,
  TestControlPlane,
} from '@meshifi/test-utils';
import request from 'supertest';
import {
  clusterConfig,
  composedFor,
  fluxKustomizationCrdFile,
  installCrds,
  provideStatus,
  provisioningReportOf,
  provisioningRequest,
  startBackendControlPlane,
} from './__testUtils__/backendOnControlPlane';
import { meshifiPlugin } from './plugin';
import { WATCHED_KINDS } from './watch/watchedKinds';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

/** Flux's Kustomization CRD, when this machine has it (scripts/lib/flux.sh). */
const kustomizationCrd = fluxKustomizationCrdFile();
const describeWithFluxCrds = kustomizationCrd ? describe : describe.skip;
/** Said in a skipped test's name: why, and how to have it run. */
const withoutFluxCrds = kustomizationCrd
  ? ''
  : " (skipped: the Flux CRDs are not in meshifi's cache; scripts/control-plane start --flux copies them there once)";

const platform = { project: 'meshifi-platform', location: 'EU' };

const product = (name: string) =>
  dataProductManifest({
    info: { name, version: '0.1.0', title: `Product ${name}` },
    access: { owners: ['ana@example.com', 'pat@example.com'] },
  });

const entityOf = (name: string) => {
  const result = manifestToEntities(
    {
      ...product(name),
      metadata: { ...product(name).metadata, namespace: 'default' },
    },
    { defaultOwner: 'group:default/data-platform' },
  );
  if (!result.ok) {
    throw new Error(result.message);
  }
  return result.entities[0];
};

describeIf('the provisioning route on a real control plane', () => {
  let controlPlane: TestControlPlane;
  let admin: KubeConfig;
  let token: string;

  const composed = (name: string) => composedFor(admin, name);

  /** Writes a managed resource's status as provider-gcp would. */
  const provide = (
    object: KubernetesObject,
    conditions: Condition[],
    atProvider?: Record<string, unknown>,
  ) => provideStatus(admin, object, conditions, atProvider);

  async function startBackend(options: {
    url?: string;
    token?: string;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    entities?: ReturnType<typeof entityOf>[];
  }) {
    const backend = await startTestBackend({
      features: [
        meshifiPlugin,
        catalogServiceMock.factory({ entities: options.entities ?? [] }),
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
        mockServices.rootConfig.factory({
          data: {
            meshifi: { platform },
            kubernetes: clusterConfig(admin, {
              url: options.url,
              token: options.token ?? token,
            }),
          },
        }),
      ],
    });
    return backend;
  }

  /** The product's report once `expectation` passes on it. */
  const reportOnce = (
    backend: { server: any },
    name: string,
    expectation: (report: ProvisioningReport) => void,
  ) =>
    eventually(async () => {
      const report = await provisioningReportOf(backend, name);
      expectation(report);
      return report;
    });

  beforeAll(async () => {
    ({ controlPlane, admin, token } = await startBackendControlPlane());
  }, 300_000);

  afterAll(async () => {
    await controlPlane?.stop();
  }, 60_000);

  it('follows a product from Git to ready, and shows a failing dataset', async () => {
    const backend = await startBackend({ entities: [entityOf('orders')] });

    const notApplied = await reportOnce(backend, 'orders', r =>
      expect(r.clusters[0]?.connection).toBe('live'),
    );
    expect(notApplied.state).toBe('not-in-cluster');
    expect(notApplied.missing).toHaveLength(10);
    expect(notApplied.reason).toMatch(/GitOps sync has not applied it/);

    await KubernetesObjectApi.makeApiClient(admin).create({
      ...product('orders'),
      metadata: { ...product('orders').metadata, namespace: 'default' },
    } as any);
    const provisioning = await reportOnce(backend, 'orders', r => {
      expect(r.resources).toHaveLength(10);
      expect(r.xr?.conditions.map(c => c.type)).toContain('Synced');
    });
    expect(provisioning.state).toBe('provisioning');
    expect(provisioning.missing).toEqual([]);
    expect(
      provisioning.resources
        .filter(r => r.role === 'dataset')
        .map(r => r.details.datasetId),
    ).toEqual(['orders_cleaned', 'orders_curated', 'orders_raw']);

    for (const object of await composed('orders')) {
      const { status } = desiredState(
        object,
        object as ManagedResource,
        new Date(),
      );
      await provide(
        object,
        status.conditions as Condition[],
        status.atProvider,
      );
    }
    const done = await reportOnce(backend, 'orders', r =>
      expect(r.state).toBe('ready'),
    );
    expect(done.reason).toBe('All 10 resources are ready.');
    const account = done.resources.find(r => r.kind === 'ServiceAccount')!;
    expect(account.details.email).toBe(
      'dp-orders@meshifi-platform.iam.gserviceaccount.com',
    );
    const impersonation = done.resources.filter(
      r => r.role === 'owner-impersonation',
    );
    expect(impersonation.map(r => r.details.member).sort()).toEqual([
      'user:ana@example.com',
      'user:pat@example.com',
    ]);
    expect(impersonation[0].details.role).toBe(
      'roles/iam.serviceAccountTokenCreator',
    );
    expect(done.events.some(e => e.kind === 'DataProduct')).toBe(true);

    const raw = (await composed('orders')).find(
      o => o.metadata.name === 'orders-raw',
    )!;
    const message =
      'async create failed: googleapi: Error 403: Access Denied: Project meshifi-platform: User does not have bigquery.datasets.create permission, accessDenied';
    await provide(raw, [
      { type: 'Synced', status: 'False', reason: 'ReconcileError', message },
      { type: 'Ready', status: 'False', reason: 'Creating' },
    ]);
    const failing = await reportOnce(backend, 'orders', r =>
      expect(r.state).toBe('degraded'),
    );
    expect(failing.reason).toBe(
      `1 resource failing. Dataset orders-raw: ${message}`,
    );
    expect(
      failing.resources.find(r => r.name === 'orders-raw')?.problem,
    ).toEqual({ reason: 'ReconcileError', message });
    await backend.stop();
  }, 180_000);

  it('keeps watching through an API server restart', async () => {
    const backend = await startBackend({ entities: [entityOf('returns')] });
    await reportOnce(backend, 'returns', r =>
      expect(r.clusters[0]?.connection).toBe('live'),
    );
    await controlPlane.restartApiServer();
    await KubernetesObjectApi.makeApiClient(admin).create({
      ...product('returns'),
      metadata: { ...product('returns').metadata, namespace: 'default' },
    } as any);
    const after = await reportOnce(backend, 'returns', r =>
      expect(r.resources).toHaveLength(10),
    );
    expect(after.clusters[0].connection).toBe('live');
    expect(after.state).toBe('provisioning');
    await backend.stop();
  }, 180_000);

  it('says when the cluster cannot be reached, and why', async () => {
    const backend = await startBackend({
      url: 'https://127.0.0.1:1',
      entities: [entityOf('orders')],
    });
    const report = await reportOnce(backend, 'orders', r =>
      expect(r.clusters[0]?.connection).toBe('unreachable'),
    );
    expect(report.state).toBe('unreachable');
    expect(report.reason).toMatch(
      /^Cannot reach the cluster local since .*ECONNREFUSED/,
    );
    expect(report.missing).toHaveLength(10);
    await backend.stop();
  }, 60_000);

  it('says when its service account may not read the cluster', async () => {
    const backend = await startBackend({
      token: 'not-a-valid-token',
      entities: [entityOf('orders')],
    });
    const report = await reportOnce(backend, 'orders', r =>
      expect(r.clusters[0]?.connection).toBe('unreachable'),
    );
    expect(report.state).toBe('unreachable');
    expect(report.reason).toMatch(/does not accept meshifi's credentials/);
    expect(JSON.stringify(report)).not.toContain('not-a-valid-token');
    await backend.stop();
  }, 60_000);

  it('answers only callers who may read the product', async () => {
    const denied = await startBackend({
      permission: AuthorizeResult.DENY,
      entities: [entityOf('orders')],
    });
    const res = await provisioningRequest(denied, 'orders');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/may not see this data product/);
    await denied.stop();

    const allowed = await startBackend({ entities: [] });
    const missing = await provisioningRequest(allowed, 'no-such-product');
    expect(missing.status).toBe(404);
    const hostile = await request(allowed.server)
      .get('/api/meshifi/products/default/..%2F..%2Fsecrets/provisioning')
      .set('Authorization', mockCredentials.user.header());
    expect(hostile.status).toBe(400);
    await allowed.stop();
  }, 60_000);

  it('ships RBAC that allows exactly what the cache watches', async () => {
    const asServiceAccount = new KubeConfig();
    asServiceAccount.loadFromOptions({
      clusters: [
        {
          name: 'local',
          server: admin.getCurrentCluster()!.server,
          caData: admin.getCurrentCluster()!.caData,
        },
      ],
      users: [{ name: 'sa', token }],
      contexts: [{ name: 'local', cluster: 'local', user: 'sa' }],
      currentContext: 'local',
    });
    const authorization = asServiceAccount.makeApiClient(AuthorizationV1Api);
    const may = async (verb: string, group: string, resource: string) => {
      const review = await authorization.createSelfSubjectAccessReview({
        body: { spec: { resourceAttributes: { verb, group, resource } } },
      });
      return review.status!.allowed;
    };
    for (const kind of WATCHED_KINDS) {
      for (const verb of ['list', 'watch']) {
        expect([
          verb,
          kind.plural,
          await may(verb, kind.group, kind.plural),
        ]).toEqual([verb, kind.plural, true]);
      }
    }
    expect(await may('get', '', 'secrets')).toBe(false);
    expect(await may('list', '', 'secrets')).toBe(false);
    expect(await may('list', '', 'configmaps')).toBe(false);
    expect(await may('create', 'meshifi.io', 'dataproducts')).toBe(false);
    expect(await may('patch', 'bigquery.gcp.m.upbound.io', 'datasets')).toBe(
      false,
    );
    expect(await may('delete', '', 'events')).toBe(false);
    expect(
      await may('patch', 'kustomize.toolkit.fluxcd.io', 'kustomizations'),
    ).toBe(false);
  }, 60_000);

  // Last: the tests above run on a cluster without Flux's CRDs, as a
  // cluster without Flux is; this one installs them while the backend runs.
  describeWithFluxCrds(
    `with Flux's Kustomization CRD${withoutFluxCrds}`,
    () => {
      it("says on a product's page that its file could not be applied, once the CRD is installed", async () => {
        const backend = await startBackend({ entities: [entityOf('visits')] });
        const before = await reportOnce(backend, 'visits', r =>
          expect(r.clusters[0]?.connection).toBe('live'),
        );
        expect(before).not.toHaveProperty('gitopsApply');
        expect(before.reason).toMatch(/GitOps sync has not applied it/);

        await installCrds(admin, kustomizationCrd!);
        await admin
          .makeApiClient(CoreV1Api)
          .createNamespace({ body: { metadata: { name: 'flux-system' } } });
        const resource = {
          group: 'kustomize.toolkit.fluxcd.io',
          version: 'v1',
          plural: 'kustomizations',
          namespace: 'flux-system',
        };
        const custom = admin.makeApiClient(CustomObjectsApi);
        await eventually(() =>
          custom.createNamespacedCustomObject({
            ...resource,
            body: {
              apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
              kind: 'Kustomization',
              metadata: {
                name: 'meshifi-products',
                labels: {
                  'app.kubernetes.io/part-of': 'meshifi',
                  [LABELS.productsOf]: PRODUCTS_OF_NO_DOMAIN,
                },
              },
              spec: {
                interval: '1m',
                prune: true,
                path: './products',
                sourceRef: { kind: 'GitRepository', name: 'meshifi-products' },
              },
            },
          }),
        );
        /** Writes the Ready condition as kustomize-controller v1.9.6 does when a build fails. */
        const buildFailed = (file: string) =>
          custom.patchNamespacedCustomObjectStatus(
            {
              ...resource,
              name: 'meshifi-products',
              body: {
                status: {
                  lastAttemptedRevision: `main@sha1:${'0'.repeat(40)}`,
                  conditions: [
                    {
                      type: 'Ready',
                      status: 'False',
                      reason: 'BuildFailed',
                      message: `kustomize build failed: failed to decode Kubernetes YAML from /tmp/kustomization-2231187446/${file}: MalformedYAMLError: yaml: line 3: did not find expected node content`,
                      lastTransitionTime: new Date().toISOString(),
                    },
                  ],
                },
              },
            },
            setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
          );

        await buildFailed('products/broken.yaml');
        const heldBack = await reportOnce(backend, 'visits', r =>
          expect(r.gitopsApply?.state).toBe('held-back'),
        );
        expect(heldBack.state).toBe('not-in-cluster');
        expect(heldBack.reason).toBe(
          'Changes to the data products of no domain are held back: the file products/broken.yaml could not be applied. This product is created once that is fixed. Ask your platform team if it stays so.',
        );
        expect(heldBack.clusters).toEqual([
          { name: 'local', connection: 'live' },
        ]);

        await buildFailed('products/visits.yaml');
        const own = await reportOnce(backend, 'visits', r =>
          expect(r.gitopsApply?.state).toBe('file-failed'),
        );
        expect(own.gitopsApply).toEqual({
          state: 'file-failed',
          file: 'products/visits.yaml',
          reason:
            'failed to decode Kubernetes YAML from products/visits.yaml: MalformedYAMLError: yaml: line 3: did not find expected node content',
        });
        await backend.stop();
      }, 120_000);
    },
  );
});
