import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { apiResourceOf, apiVersionOf, KINDS } from '@meshifi/common';
import {
  collectingLogger,
  controlPlaneAvailable,
  eventually,
  startTestControlPlane,
  TestControlPlane,
} from '@meshifi/test-utils';
import { FAIL_ANNOTATION } from './failures';
import { ManagedResource } from './managedKinds';
import { FIELD_MANAGER, StandInProvider } from './StandInProvider';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

const NAMESPACE = 'sales';
const DELAY_MS = 300;

const condition = (resource: ManagedResource, type: string) =>
  (
    resource.status?.conditions as Array<Record<string, string>> | undefined
  )?.find(c => c.type === type);

describeIf('StandInProvider against a real API server', () => {
  let controlPlane: TestControlPlane;
  let kubeConfig: KubeConfig;
  let api: CustomObjectsApi;
  let provider: StandInProvider;
  const logger = collectingLogger();

  const kinds = {
    Dataset: KINDS.dataset,
    ServiceAccount: KINDS.serviceAccount,
    ProjectIAMMember: KINDS.projectIamMember,
  };
  type KindName = keyof typeof kinds;
  const where = (kind: KindName, name: string) => ({
    ...apiResourceOf(kinds[kind]),
    namespace: NAMESPACE,
    name,
  });

  const read = (kind: KindName, name: string): Promise<ManagedResource> =>
    api.getNamespacedCustomObject(where(kind, name));

  const create = (
    kind: KindName,
    name: string,
    forProvider: Record<string, unknown>,
    annotations: Record<string, string> = {},
  ) =>
    api.createNamespacedCustomObject({
      ...where(kind, name),
      body: {
        apiVersion: apiVersionOf(kinds[kind]),
        kind,
        metadata: { name, namespace: NAMESPACE, annotations },
        spec: {
          forProvider,
          providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
        },
      },
    });

  const annotate = (
    kind: KindName,
    name: string,
    annotations: Record<string, string | null>,
  ) =>
    api.patchNamespacedCustomObject(
      { ...where(kind, name), body: { metadata: { annotations } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

  /** The resource once `expectation` passes on it; else what the stand-in logged. */
  const readOnce = (
    kind: KindName,
    name: string,
    expectation: (resource: ManagedResource) => void,
  ) =>
    eventually(
      async () => {
        const resource = await read(kind, name);
        expectation(resource);
        return resource;
      },
      {
        timeoutMs: 20_000,
        context: () => `the stand-in logged:\n${logger.lines.join('\n')}`,
      },
    );

  const whenReady = (kind: KindName, name: string) =>
    readOnce(kind, name, r =>
      expect(condition(r, 'Ready')?.status).toBe('True'),
    );

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(controlPlane.kubeconfigPath);
    api = kubeConfig.makeApiClient(CustomObjectsApi);
    await kubeConfig
      .makeApiClient(CoreV1Api)
      .createNamespace({ body: { metadata: { name: NAMESPACE } } });
    provider = new StandInProvider({ kubeConfig, logger, delayMs: DELAY_MS });
    await provider.start();
  }, 180_000);

  afterAll(async () => {
    await provider?.stop();
    await controlPlane?.stop();
  }, 60_000);

  it('makes a dataset created by hand Ready after the delay, with what the real provider reports', async () => {
    const created = Date.now();
    await create(
      'Dataset',
      'orders-raw',
      {
        project: 'acme-sales-data',
        location: 'EU',
        friendlyName: 'Orders (raw)',
        labels: { 'meshifi-layer': 'raw' },
      },
      { 'crossplane.io/external-name': 'orders_raw' },
    );
    const ready = await whenReady('Dataset', 'orders-raw');
    expect(Date.now() - created).toBeGreaterThanOrEqual(DELAY_MS);

    expect(ready.status?.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'Synced',
          status: 'True',
          reason: 'ReconcileSuccess',
          observedGeneration: 1,
        }),
        expect.objectContaining({
          type: 'Ready',
          status: 'True',
          reason: 'Available',
        }),
        expect.objectContaining({
          type: 'LastAsyncOperation',
          status: 'True',
          reason: 'Success',
        }),
      ]),
    );
    expect(ready.status?.observedGeneration).toBe(1);
    expect(ready.status?.atProvider).toMatchObject({
      id: 'projects/acme-sales-data/datasets/orders_raw',
      selfLink:
        'https://bigquery.googleapis.com/bigquery/v2/projects/acme-sales-data/datasets/orders_raw',
      location: 'EU',
      project: 'acme-sales-data',
      friendlyName: 'Orders (raw)',
      creationTime: expect.any(Number),
      lastModifiedTime: expect.any(Number),
      etag: expect.any(String),
    });
  });

  it('writes only the status and the external name, never the spec', async () => {
    await create('ServiceAccount', 'orders-sa', {
      project: 'acme-sales-data',
      displayName: 'orders',
    });
    const ready = await whenReady('ServiceAccount', 'orders-sa');
    const email = 'orders-sa@acme-sales-data.iam.gserviceaccount.com';
    expect(ready.metadata?.annotations?.['crossplane.io/external-name']).toBe(
      'orders-sa',
    );
    expect(ready.status?.atProvider).toMatchObject({
      email,
      member: `serviceAccount:${email}`,
      uniqueId: expect.stringMatching(/^\d{21}$/),
    });
    const managedFields = (
      ready.metadata as {
        managedFields: Array<{
          manager: string;
          subresource?: string;
          fieldsV1: Record<string, unknown>;
        }>;
      }
    ).managedFields.filter(f => f.manager === FIELD_MANAGER);
    expect(managedFields.map(f => f.subresource ?? 'main').sort()).toEqual([
      'main',
      'status',
    ]);
    const main = managedFields.find(f => !f.subresource)!;
    expect(Object.keys(main.fieldsV1)).toEqual(['f:metadata']);
  });

  it('records the external name of an IAM member once it is created', async () => {
    await create('ProjectIAMMember', 'orders-job-user', {
      project: 'acme-sales-data',
      role: 'roles/bigquery.jobUser',
      member:
        'serviceAccount:dp-orders@acme-sales-data.iam.gserviceaccount.com',
    });
    const ready = await whenReady('ProjectIAMMember', 'orders-job-user');
    const id =
      'acme-sales-data/roles/bigquery.jobUser/serviceAccount:dp-orders@acme-sales-data.iam.gserviceaccount.com';
    expect(ready.metadata?.annotations?.['crossplane.io/external-name']).toBe(
      id,
    );
    expect(ready.status?.atProvider).toMatchObject({
      id,
      etag: expect.any(String),
    });
  });

  it('reports a requested failure, and recovers when the annotation goes', async () => {
    await create(
      'Dataset',
      'orders-cleaned',
      { project: 'acme-sales-data', location: 'EU' },
      {
        'crossplane.io/external-name': 'orders_cleaned',
        [FAIL_ANNOTATION]: '',
      },
    );
    const failed = await readOnce('Dataset', 'orders-cleaned', r =>
      expect(condition(r, 'Synced')?.status).toBe('False'),
    );
    expect(condition(failed, 'Synced')).toMatchObject({
      reason: 'ReconcileError',
      message:
        'create failed: async create failed: failed to create the resource: [{0 Error creating Dataset: googleapi: Error 403: Access Denied: Project acme-sales-data: User does not have bigquery.datasets.create permission in project acme-sales-data., accessDenied  []}]',
    });
    expect(condition(failed, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'Creating',
    });
    expect(condition(failed, 'LastAsyncOperation')).toMatchObject({
      status: 'False',
      reason: 'AsyncCreateFailure',
    });
    expect(failed.status?.atProvider).toBeUndefined();

    await annotate('Dataset', 'orders-cleaned', {
      [FAIL_ANNOTATION]: 'googleapi: Error 500: Backend error., backendError',
    });
    const failedAgain = await readOnce('Dataset', 'orders-cleaned', r =>
      expect(condition(r, 'Synced')?.message).toMatch(/Backend error/),
    );
    expect(condition(failedAgain, 'LastAsyncOperation')?.message).toBe(
      'async create failed: failed to create the resource: [{0 Error creating Dataset: googleapi: Error 500: Backend error., backendError  []}]',
    );

    await annotate('Dataset', 'orders-cleaned', { [FAIL_ANNOTATION]: null });
    const recovered = await whenReady('Dataset', 'orders-cleaned');
    expect(condition(recovered, 'Synced')).toMatchObject({
      status: 'True',
      reason: 'ReconcileSuccess',
    });
    expect(condition(recovered, 'Synced')?.message).toBeUndefined();
    expect(recovered.status?.atProvider).toMatchObject({
      id: 'projects/acme-sales-data/datasets/orders_cleaned',
    });
  });

  it('fails a resource that lacks a required field, and carries on with the others', async () => {
    await create('ServiceAccount', 'no-project-sa', { displayName: 'x' });
    await create('ServiceAccount', 'after-sa', { project: 'acme-sales-data' });
    const failed = await readOnce('ServiceAccount', 'no-project-sa', r =>
      expect(condition(r, 'Synced')?.status).toBe('False'),
    );
    expect(condition(failed, 'Synced')?.message).toContain(
      'project: required field is not set',
    );
    await whenReady('ServiceAccount', 'after-sa');
  });

  it('reports an updated spec with the new generation', async () => {
    const before = await whenReady('Dataset', 'orders-raw');
    await api.patchNamespacedCustomObject(
      {
        ...where('Dataset', 'orders-raw'),
        body: { spec: { forProvider: { friendlyName: 'Orders, raw' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const after = await readOnce('Dataset', 'orders-raw', r =>
      expect(r.status?.observedGeneration).toBe(2),
    );
    expect(condition(after, 'Ready')?.observedGeneration).toBe(2);
    expect(after.status?.atProvider).toMatchObject({
      friendlyName: 'Orders, raw',
      creationTime: before.status?.atProvider?.creationTime,
    });
  });

  it('keeps working after the API server restarts', async () => {
    await controlPlane.restartApiServer();
    await create('Dataset', 'orders-curated', {
      project: 'acme-sales-data',
      location: 'EU',
    });
    const ready = await whenReady('Dataset', 'orders-curated');
    expect(ready.metadata?.annotations?.['crossplane.io/external-name']).toBe(
      'orders-curated',
    );
    expect(logger.lines.join('\n')).toMatch(/lost the watch of datasets/);
    expect(logger.lines.join('\n')).toMatch(/watching datasets\S* again/);
  }, 60_000);

  it('leaves a resource alone once it is Ready: no write without a change', async () => {
    const ready = await whenReady('Dataset', 'orders-curated');
    await new Promise(r => setTimeout(r, DELAY_MS * 3));
    const later = await read('Dataset', 'orders-curated');
    expect(
      (later.metadata as { resourceVersion: string }).resourceVersion,
    ).toBe((ready.metadata as { resourceVersion: string }).resourceVersion);
  });
});
