import { compose } from '../compose/compose';
import { dataProductManifest } from '../model/manifests';
import { Condition, KubernetesObject } from '../model/types';
import { deriveStatus } from './deriveStatus';

const product = dataProductManifest({
  info: { name: 'orders', version: '0.1.0' },
  access: { owners: ['ana@example.com'] },
});
const expected = compose(product, { project: 'meshifi-demo', location: 'EU' });

const withConditions = (
  object: KubernetesObject,
  ...conditions: Condition[]
) => ({
  ...object,
  status: { conditions },
});
const ready: Condition = { type: 'Ready', status: 'True', reason: 'Available' };
const synced: Condition = {
  type: 'Synced',
  status: 'True',
  reason: 'ReconcileSuccess',
};
const creating: Condition = {
  type: 'Ready',
  status: 'False',
  reason: 'Creating',
};

const allComposed = (...conditions: Condition[]) =>
  expected.map(e => withConditions(e.resource, ...conditions));

describe('deriveStatus', () => {
  it('is pending before Crossplane has done anything', () => {
    const status = deriveStatus(product, [], expected);
    expect(status.state).toBe('pending');
    expect(status.reason).toMatch(/Waiting for Crossplane/);
    expect(status.missing).toHaveLength(expected.length);
  });

  it('is provisioning while resources are being created', () => {
    const composed = allComposed(synced, creating);
    composed[0] = withConditions(expected[0].resource, synced, ready);
    const status = deriveStatus(
      withConditions(product, synced, creating),
      composed,
      expected,
    );
    expect(status.state).toBe('provisioning');
    expect(status.reason).toBe(
      `Creating resources in Google Cloud: 1 of ${expected.length} ready.`,
    );
  });

  it('is not ready while an expected resource is missing', () => {
    const composed = allComposed(synced, ready).slice(1);
    const status = deriveStatus(
      withConditions(product, synced, ready),
      composed,
      expected,
    );
    expect(status.state).toBe('provisioning');
    expect(status.missing.map(m => m.key)).toEqual([expected[0].key]);
  });

  it('is ready when the XR and every resource are ready', () => {
    const status = deriveStatus(
      withConditions(product, synced, ready),
      allComposed(synced, ready),
      expected,
    );
    expect(status).toMatchObject({
      state: 'ready',
      reason: `All ${expected.length} resources are ready.`,
      missing: [],
    });
    expect(status.resources.every(r => r.ready && r.synced && !r.problem)).toBe(
      true,
    );
  });

  it('is degraded with the provider message when one resource fails', () => {
    const composed = allComposed(synced, ready);
    const failure: Condition = {
      type: 'Synced',
      status: 'False',
      reason: 'ReconcileError',
      message:
        'create failed: googleapi: Error 403: Access Denied: BigQuery BigQuery: Permission denied',
    };
    composed[0] = withConditions(expected[0].resource, failure, creating);
    const status = deriveStatus(
      withConditions(product, synced, creating),
      composed,
      expected,
    );
    expect(status.state).toBe('degraded');
    expect(status.reason).toBe(
      `1 resource failing. Dataset orders-raw: ${failure.message}`,
    );
    expect(status.resources[0]).toMatchObject({
      kind: 'Dataset',
      name: 'orders-raw',
      role: 'dataset',
      ready: false,
      synced: false,
      problem: failure.message,
    });
  });

  it('reports a failed asynchronous create while Synced is still true', () => {
    const composed = allComposed(synced, ready);
    const asyncFailure: Condition = {
      type: 'LastAsyncOperation',
      status: 'False',
      reason: 'AsyncCreateFailure',
      message:
        'async create failed: googleapi: Error 409: Already Exists: Dataset acme:orders_raw',
    };
    composed[0] = withConditions(
      expected[0].resource,
      synced,
      creating,
      asyncFailure,
    );
    const status = deriveStatus(
      withConditions(product, synced, creating),
      composed,
      expected,
    );
    expect(status.state).toBe('degraded');
    expect(status.resources[0].problem).toBe(asyncFailure.message);
  });

  it('has failed when the product cannot be composed', () => {
    const status = deriveStatus(
      withConditions(product, {
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message:
          'cannot compose resources: Owner email: Give each owner as an email address',
      }),
      [],
      expected,
    );
    expect(status.state).toBe('failed');
    expect(status.reason).toMatch(
      /^Crossplane cannot compose this product: .*Owner email/,
    );
  });

  it('has failed when every resource is failing', () => {
    const unavailable: Condition = {
      type: 'Ready',
      status: 'False',
      reason: 'Unavailable',
      message: 'project meshifi-demo has been deleted',
    };
    const status = deriveStatus(
      product,
      allComposed(synced, unavailable),
      expected,
    );
    expect(status.state).toBe('failed');
    expect(status.reason).toContain(`${expected.length} resources failing`);
  });
});
