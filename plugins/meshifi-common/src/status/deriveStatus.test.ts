import { compose } from '../compose/compose';
import { dataProductManifest } from '../model/manifests';
import { Condition, KubernetesObject } from '../model/types';
import {
  crossplaneConditions,
  withConditions,
} from './__testUtils__/conditions';
import { deriveStatus } from './deriveStatus';

const { creating, failed, ready, synced } = crossplaneConditions;

const product = dataProductManifest({
  info: { name: 'orders', version: '0.1.0' },
  access: { owners: ['ana@example.com'] },
});
const expected = compose(product, { project: 'meshifi-demo', location: 'EU' });

const allComposed = (...conditions: Condition[]) =>
  expected.map(e => withConditions(e.resource, ...conditions));

/** Every expected resource with `others`, the first one with `first`. */
const firstOf = (first: Condition[], others: Condition[]) => [
  withConditions(expected[0].resource, ...first),
  ...allComposed(...others).slice(1),
];

/** The status of the XR with these conditions and these resources. */
const statusOf = (xrConditions: Condition[], composed: KubernetesObject[]) =>
  deriveStatus(withConditions(product, ...xrConditions), composed, expected);

/** A product being created whose first resource has `conditions`, the others ready. */
const firstResourceWith = (...conditions: Condition[]) =>
  statusOf([synced, creating], firstOf(conditions, [synced, ready]));

const accessDenied = failed(
  'Synced',
  'ReconcileError',
  'create failed: googleapi: Error 403: Access Denied: BigQuery BigQuery: Permission denied',
);
const alreadyExists = failed(
  'LastAsyncOperation',
  'AsyncCreateFailure',
  'async create failed: googleapi: Error 409: Already Exists: Dataset acme:orders_raw',
);

describe('deriveStatus', () => {
  it('is pending before Crossplane has done anything', () => {
    const status = deriveStatus(product, [], expected);
    expect(status.state).toBe('pending');
    expect(status.reason).toMatch(/Waiting for Crossplane/);
    expect(status.missing).toHaveLength(expected.length);
  });

  it('is provisioning while resources are being created', () => {
    const status = statusOf(
      [synced, creating],
      firstOf([synced, ready], [synced, creating]),
    );
    expect(status.state).toBe('provisioning');
    expect(status.reason).toBe(
      `Creating resources in Google Cloud: 1 of ${expected.length} ready.`,
    );
  });

  it('is not ready while an expected resource is missing', () => {
    const status = statusOf(
      [synced, ready],
      allComposed(synced, ready).slice(1),
    );
    expect(status.state).toBe('provisioning');
    expect(status.missing.map(m => m.key)).toEqual([expected[0].key]);
  });

  it('is ready when the XR and every resource are ready', () => {
    const status = statusOf([synced, ready], allComposed(synced, ready));
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
    const status = firstResourceWith(accessDenied, creating);
    expect(status.state).toBe('degraded');
    expect(status.reason).toBe(
      `1 resource failing. Dataset orders-raw: ${accessDenied.message}`,
    );
    expect(status.resources[0]).toMatchObject({
      kind: 'Dataset',
      name: 'orders-raw',
      role: 'dataset',
      ready: false,
      synced: false,
      problem: { reason: 'ReconcileError', message: accessDenied.message },
    });
  });

  it('reports a failed asynchronous create while Synced is still true', () => {
    const status = firstResourceWith(synced, creating, alreadyExists);
    expect(status.state).toBe('degraded');
    expect(status.resources[0].problem?.message).toBe(alreadyExists.message);
  });

  it('has failed when the product cannot be composed', () => {
    const status = deriveStatus(
      withConditions(
        product,
        failed(
          'Synced',
          'ReconcileError',
          'cannot compose resources: Owner email: Give each owner as an email address',
        ),
      ),
      [],
      expected,
    );
    expect(status.state).toBe('failed');
    expect(status.reason).toMatch(
      /^Crossplane cannot compose this product: .*Owner email/,
    );
  });

  it('has failed when every resource is failing', () => {
    const unavailable = failed(
      'Ready',
      'Unavailable',
      'project meshifi-demo has been deleted',
    );
    const status = deriveStatus(
      product,
      allComposed(synced, unavailable),
      expected,
    );
    expect(status.state).toBe('failed');
    expect(status.reason).toContain(`${expected.length} resources failing`);
  });
});
