import { GCP_KINDS } from '@meshifi/common';
import { desiredState, isUpToDate } from './desiredState';
import { FAIL_ANNOTATION } from './failures';
import { ManagedResource } from './managedKinds';

const now = new Date('2026-03-01T10:00:00.123Z');
const later = new Date('2026-03-01T10:05:00Z');

const dataset = (
  overrides: Partial<ManagedResource> = {},
): ManagedResource => ({
  ...GCP_KINDS.dataset,
  metadata: {
    name: 'orders-raw',
    namespace: 'sales',
    generation: 1,
    annotations: { 'crossplane.io/external-name': 'orders_raw' },
  },
  spec: {
    forProvider: {
      project: 'acme-sales-data',
      location: 'EU',
      friendlyName: 'Orders (raw)',
      labels: { 'meshifi-layer': 'raw' },
    },
  },
  ...overrides,
});

/** The resource as it is once its desired status is written. */
const written = (resource: ManagedResource, at: Date): ManagedResource => {
  const desired = desiredState(GCP_KINDS.dataset, resource, at);
  return { ...resource, status: desired.status };
};

describe('desiredState', () => {
  it('reports a dataset created and available, with ids in Google’s formats', () => {
    const { status, externalName } = desiredState(
      GCP_KINDS.dataset,
      dataset(),
      now,
    );
    expect(externalName).toBeUndefined();
    expect(status.observedGeneration).toBe(1);
    expect(status.conditions).toEqual([
      {
        type: 'Synced',
        status: 'True',
        reason: 'ReconcileSuccess',
        lastTransitionTime: '2026-03-01T10:00:00Z',
        observedGeneration: 1,
      },
      expect.objectContaining({ type: 'Ready', reason: 'Available' }),
      expect.objectContaining({
        type: 'LastAsyncOperation',
        reason: 'Success',
      }),
    ]);
    expect(status.atProvider).toMatchObject({
      id: 'projects/acme-sales-data/datasets/orders_raw',
      selfLink:
        'https://bigquery.googleapis.com/bigquery/v2/projects/acme-sales-data/datasets/orders_raw',
      project: 'acme-sales-data',
      location: 'EU',
      friendlyName: 'Orders (raw)',
      creationTime: now.getTime(),
      lastModifiedTime: now.getTime(),
      effectiveLabels: {
        'meshifi-layer': 'raw',
        'goog-terraform-provisioned': 'true',
      },
    });
    expect(status.atProvider!.etag).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('names a dataset without an external name after the object, as Crossplane’s initializer does', () => {
    const resource = dataset();
    resource.metadata!.annotations = {};
    const { status, externalName } = desiredState(
      GCP_KINDS.dataset,
      resource,
      now,
    );
    expect(externalName).toBe('orders-raw');
    expect(status.atProvider!.id).toBe(
      'projects/acme-sales-data/datasets/orders-raw',
    );
  });

  it('gives a service account its email, member and a stable unique id', () => {
    const account: ManagedResource = {
      ...GCP_KINDS.serviceAccount,
      metadata: {
        name: 'orders-sa',
        namespace: 'sales',
        generation: 1,
        annotations: { 'crossplane.io/external-name': 'dp-orders' },
      },
      spec: { forProvider: { project: 'acme-sales-data', displayName: 'x' } },
    };
    const first = desiredState(GCP_KINDS.serviceAccount, account, now);
    const email = 'dp-orders@acme-sales-data.iam.gserviceaccount.com';
    expect(first.status.atProvider).toMatchObject({
      email,
      member: `serviceAccount:${email}`,
      id: `projects/acme-sales-data/serviceAccounts/${email}`,
      name: `projects/acme-sales-data/serviceAccounts/${email}`,
      displayName: 'x',
      disabled: false,
    });
    expect(first.status.atProvider!.uniqueId).toMatch(/^1\d{20}$/);
    expect(
      desiredState(GCP_KINDS.serviceAccount, account, later).status.atProvider,
    ).toEqual(first.status.atProvider);
  });

  it.each([
    {
      kind: GCP_KINDS.datasetIamMember,
      forProvider: {
        project: 'acme',
        datasetId: 'orders_raw',
        role: 'roles/bigquery.dataEditor',
        member: 'serviceAccount:DP-Orders@acme.iam.gserviceaccount.com',
      },
      id: 'projects/acme/datasets/orders_raw/roles/bigquery.dataEditor/serviceAccount:dp-orders@acme.iam.gserviceaccount.com',
    },
    {
      kind: GCP_KINDS.projectIamMember,
      forProvider: {
        project: 'acme',
        role: 'roles/bigquery.jobUser',
        member: 'serviceAccount:dp-orders@acme.iam.gserviceaccount.com',
      },
      id: 'acme/roles/bigquery.jobUser/serviceAccount:dp-orders@acme.iam.gserviceaccount.com',
    },
    {
      kind: GCP_KINDS.serviceAccountIamMember,
      forProvider: {
        serviceAccountId:
          'projects/acme/serviceAccounts/dp-orders@acme.iam.gserviceaccount.com',
        role: 'roles/iam.serviceAccountTokenCreator',
        member: 'user:Ana@example.com',
      },
      id: 'projects/acme/serviceAccounts/dp-orders@acme.iam.gserviceaccount.com/roles/iam.serviceAccountTokenCreator/user:ana@example.com',
    },
  ])(
    'gives a $kind.kind Terraform’s id as atProvider.id and as external name',
    ({ kind, forProvider, id }) => {
      const member: ManagedResource = {
        ...kind,
        metadata: { name: 'm', namespace: 'sales', generation: 1 },
        spec: { forProvider },
      };
      const { status, externalName } = desiredState(kind, member, now);
      expect(externalName).toBe(id);
      expect(status.atProvider).toEqual({
        ...forProvider,
        id,
        etag: expect.stringMatching(/^Bw[A-Za-z0-9+/]{9}=$/),
      });
    },
  );

  it('reports a requested failure as upjet reports a failed create, with the default message', () => {
    const resource = dataset();
    resource.metadata!.annotations![FAIL_ANNOTATION] = '';
    const { status, externalName } = desiredState(
      GCP_KINDS.dataset,
      resource,
      now,
    );
    const error =
      'async create failed: failed to create the resource: [{0 Error creating Dataset: googleapi: Error 403: Access Denied: Project acme-sales-data: User does not have bigquery.datasets.create permission in project acme-sales-data., accessDenied  []}]';
    expect(externalName).toBeUndefined();
    expect(status.atProvider).toBeUndefined();
    expect(status.conditions).toEqual([
      expect.objectContaining({
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message: `create failed: ${error}`,
      }),
      expect.objectContaining({
        type: 'Ready',
        status: 'False',
        reason: 'Creating',
      }),
      expect.objectContaining({
        type: 'LastAsyncOperation',
        status: 'False',
        reason: 'AsyncCreateFailure',
        message: error,
      }),
    ]);
  });

  it('reports the message of the annotation when it has one', () => {
    const resource = dataset();
    resource.metadata!.annotations![FAIL_ANNOTATION] =
      'googleapi: Error 409: Already Exists: Dataset acme:orders_raw, duplicate';
    const synced = desiredState(
      GCP_KINDS.dataset,
      resource,
      now,
    ).status.conditions.find(c => c.type === 'Synced');
    expect(synced?.message).toContain(
      '[{0 Error creating Dataset: googleapi: Error 409: Already Exists: Dataset acme:orders_raw, duplicate  []}]',
    );
  });

  it('fails the create of a resource that lacks a required field instead of throwing', () => {
    const resource = dataset({ spec: {} });
    const { status } = desiredState(GCP_KINDS.dataset, resource, now);
    expect(status.conditions[0].message).toContain(
      '[{0 project: required field is not set  []}]',
    );
  });

  it('copes with an object that has no metadata, spec or status at all', () => {
    const { status } = desiredState(GCP_KINDS.serviceAccount, {}, now);
    expect(status.conditions[1]).toMatchObject({
      type: 'Ready',
      status: 'False',
    });
  });
});

describe('isUpToDate', () => {
  it('needs work until the status is written, then not again', () => {
    const fresh = dataset();
    expect(isUpToDate(fresh, desiredState(GCP_KINDS.dataset, fresh, now))).toBe(
      false,
    );
    const done = written(fresh, now);
    expect(isUpToDate(done, desiredState(GCP_KINDS.dataset, done, later))).toBe(
      true,
    );
  });

  it('keeps the creation time and the conditions’ transition times of an unchanged resource', () => {
    const done = written(dataset(), now);
    const again = desiredState(GCP_KINDS.dataset, done, later);
    expect(again.status.atProvider!.creationTime).toBe(now.getTime());
    expect(again.status.conditions[0].lastTransitionTime).toBe(
      '2026-03-01T10:00:00Z',
    );
  });

  it('needs work again when the spec changes, and records the change', () => {
    const done = written(dataset(), now);
    const changed: ManagedResource = {
      ...done,
      metadata: { ...done.metadata, generation: 2 },
      spec: { forProvider: { ...done.spec!.forProvider, friendlyName: 'New' } },
    };
    const desired = desiredState(GCP_KINDS.dataset, changed, later);
    expect(isUpToDate(changed, desired)).toBe(false);
    expect(desired.status.observedGeneration).toBe(2);
    expect(desired.status.atProvider).toMatchObject({
      friendlyName: 'New',
      creationTime: now.getTime(),
      lastModifiedTime: later.getTime(),
    });
  });

  it('needs work when a failure is requested of a ready resource, and when it is lifted', () => {
    const done = written(dataset(), now);
    const failing = dataset({ status: done.status });
    failing.metadata!.annotations![FAIL_ANNOTATION] = 'true';
    expect(
      isUpToDate(failing, desiredState(GCP_KINDS.dataset, failing, later)),
    ).toBe(false);
    const failed = written(failing, later);
    expect(
      isUpToDate(failed, desiredState(GCP_KINDS.dataset, failed, later)),
    ).toBe(true);
    const lifted = dataset({ status: failed.status });
    expect(
      isUpToDate(lifted, desiredState(GCP_KINDS.dataset, lifted, later)),
    ).toBe(false);
  });
});
