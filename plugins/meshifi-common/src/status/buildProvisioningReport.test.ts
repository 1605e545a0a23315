import fc from 'fast-check';
import { compose, ComposedResource } from '../compose/compose';
import { KubernetesEvent } from '../model/kubernetesEvent';
import { dataProductManifest } from '../model/manifests';
import { Condition, KubernetesObject } from '../model/types';
import { buildProvisioningReport } from './buildProvisioningReport';
import { ClusterState } from './provisioningReport';
import { EVENT_LIMIT } from './recentEvents';

const manifest = dataProductManifest({
  info: { name: 'orders', version: '0.1.0' },
  access: { owners: ['ana@example.com'] },
});
const expected = compose(manifest, { project: 'meshifi-demo', location: 'EU' });
const cluster: ClusterState = { name: 'local', connection: 'live' };
const observedAt = new Date('2026-12-01T10:00:00.000Z');

const condition = (
  type: string,
  status: Condition['status'],
  reason: string,
  message?: string,
): Condition => ({ type, status, reason, message });
const synced = condition('Synced', 'True', 'ReconcileSuccess');
const ready = condition('Ready', 'True', 'Available');
const creating = condition('Ready', 'False', 'Creating');

/** The XR as the API server returns it. */
const xrWith = (...conditions: Condition[]): KubernetesObject => ({
  ...manifest,
  metadata: {
    ...manifest.metadata,
    namespace: 'sales',
    uid: 'xr-uid',
    creationTimestamp: '2026-12-01T09:00:00Z',
  },
  status: { conditions },
});

/**
 * A composed resource as the API server returns it: Crossplane's label and
 * annotations (spelled out: they are the wire format), the provider's
 * conditions and what it observed.
 */
const composedWith = (
  e: ComposedResource,
  ...conditions: Condition[]
): KubernetesObject => ({
  ...e.resource,
  metadata: {
    ...e.resource.metadata,
    namespace: 'sales',
    uid: `${e.key}-uid`,
    labels: {
      ...e.resource.metadata.labels,
      'crossplane.io/composite': 'orders',
    },
    annotations: {
      ...e.resource.metadata.annotations,
      'crossplane.io/composition-resource-name': e.key,
    },
  },
  status: { conditions, atProvider: {} },
});

const report = (
  xr: KubernetesObject,
  composed: KubernetesObject[],
  events: KubernetesEvent[] = [],
) =>
  buildProvisioningReport({
    xr,
    composed,
    expected,
    events,
    cluster,
    observedAt,
  });

describe('buildProvisioningReport', () => {
  it('reports a ready product with each resource described, listed by the Composition’s name', () => {
    const composed = [...expected]
      .reverse()
      .map(e => composedWith(e, synced, ready));
    const answer = report(xrWith(synced, ready), composed);
    expect(answer).toMatchObject({
      state: 'ready',
      reason: `All ${expected.length} resources are ready.`,
      observedAt: '2026-12-01T10:00:00.000Z',
      clusters: [cluster],
      xr: {
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        namespace: 'sales',
        name: 'orders',
        conditions: [synced, ready],
        createdAt: '2026-12-01T09:00:00Z',
      },
      missing: [],
      events: [],
    });
    expect(answer.resources.map(r => r.key)).toEqual(
      expected.map(e => e.key).sort(),
    );
    expect(answer.resources.find(r => r.key === 'dataset-raw')).toMatchObject({
      name: 'orders-raw',
      role: 'dataset',
      layer: 'raw',
      externalName: 'orders_raw',
      ready: true,
      synced: true,
      details: { project: 'meshifi-demo', datasetId: 'orders_raw' },
      summary: expected[0].summary,
    });
  });

  it('counts what is ready while resources are created and lists the missing ones with what they are for', () => {
    const [first, second, third, ...notYet] = expected;
    const answer = report(xrWith(synced, creating), [
      composedWith(first, synced, ready),
      composedWith(second, synced, creating),
      composedWith(third, synced),
    ]);
    expect(answer.state).toBe('provisioning');
    expect(answer.reason).toBe(
      `Creating resources in Google Cloud: 1 of ${expected.length} ready.`,
    );
    expect(answer.missing.map(m => m.key)).toEqual(notYet.map(e => e.key));
    expect(answer.missing[0]).toEqual({
      key: 'service-account',
      apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
      kind: 'ServiceAccount',
      name: 'orders-sa',
      role: 'service-account',
      summary: notYet[0].summary,
    });
  });

  it('is waiting for Crossplane before anything is composed', () => {
    const answer = report(xrWith(), []);
    expect(answer.state).toBe('pending');
    expect(answer.reason).toBe(
      'Waiting for Crossplane to pick up the product.',
    );
    expect(answer.missing).toHaveLength(expected.length);
  });

  it('says which resource fails and why, in the same words as the resource’s problem', () => {
    const message =
      'create failed: googleapi: Error 403: Permission bigquery.datasets.create denied';
    const failing = condition('Synced', 'False', 'ReconcileError', message);
    const [account] = expected.filter(e => e.key === 'service-account');
    const answer = report(
      xrWith(synced, creating),
      expected.map(e =>
        e === account
          ? composedWith(e, failing, creating)
          : composedWith(e, synced, ready),
      ),
    );
    expect(answer.state).toBe('degraded');
    expect(answer.reason).toBe(
      `1 resource failing. ServiceAccount orders-sa: ${message}`,
    );
    expect(answer.resources.filter(r => r.problem)).toEqual([
      expect.objectContaining({
        key: 'service-account',
        ready: false,
        synced: false,
        problem: { reason: 'ReconcileError', message },
      }),
    ]);
  });

  it('has failed when Crossplane cannot compose the product', () => {
    const answer = report(
      xrWith(
        condition(
          'Synced',
          'False',
          'ReconcileError',
          'cannot compose resources: Owner email: Give each owner as an email address',
        ),
      ),
      [],
    );
    expect(answer.state).toBe('failed');
    expect(answer.reason).toBe(
      'Crossplane cannot compose this product: cannot compose resources: Owner email: Give each owner as an email address',
    );
  });

  it('carries whether the GitOps sync applies the product, only when known', () => {
    expect(report(xrWith(synced, ready), [])).not.toHaveProperty('gitopsApply');
    const gitopsApply = {
      state: 'held-back',
      domain: 'sales',
      file: 'domains/sales/products/broken.yaml',
      reason: 'failed to decode Kubernetes YAML',
    } as const;
    const answer = buildProvisioningReport({
      xr: xrWith(synced, ready),
      composed: [],
      expected,
      events: [],
      cluster,
      observedAt,
      gitopsApply,
    });
    expect(answer.gitopsApply).toEqual(gitopsApply);
  });

  /** A ready XR whose status.capabilities is the given value. */
  const reporting = (capabilities: unknown): KubernetesObject => ({
    ...xrWith(synced, ready),
    status: { conditions: [synced, ready], capabilities },
  });

  it('carries what each capability reports, and nothing before the function reports', () => {
    expect(report(xrWith(synced, ready), []).xr).not.toHaveProperty(
      'capabilities',
    );
    const capabilities = {
      dbt: { schedule: '0 6 * * *', lastRun: 'never', active: 0 },
    };
    expect(report(reporting(capabilities), []).xr?.capabilities).toEqual(
      capabilities,
    );
  });

  it('carries status.capabilities only when it is an object, whatever the XR says', () => {
    fc.assert(
      fc.property(fc.jsonValue(), reported => {
        const isObject =
          typeof reported === 'object' &&
          reported !== null &&
          !Array.isArray(reported);
        expect(report(reporting(reported), []).xr?.capabilities).toEqual(
          isObject ? reported : undefined,
        );
      }),
    );
  });

  describe('events', () => {
    const event = (
      name: string,
      times: Partial<KubernetesEvent>,
    ): KubernetesEvent => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'sales' },
      involvedObject: { kind: 'Dataset', name: 'orders-raw', uid: 'x' },
      reason: 'CannotCreateExternalResource',
      message: name,
      ...times,
    });

    it('lists the newest first, by the time each was last seen', () => {
      const answer = report(
        xrWith(synced, creating),
        [],
        [
          event('created', {
            metadata: {
              name: 'created',
              creationTimestamp: '2026-12-01T09:01:00Z',
            },
          }),
          event('series', {
            type: 'Warning',
            count: 2,
            series: {
              count: 7,
              lastObservedTime: new Date('2026-12-01T09:05:00Z'),
            },
          }),
          event('last', { lastTimestamp: '2026-12-01T09:03:00Z', count: 3 }),
          event('eventTime', {
            eventTime: new Date('2026-12-01T09:04:00.000Z'),
          }),
        ],
      );
      expect(answer.events).toEqual([
        {
          type: 'Warning',
          reason: 'CannotCreateExternalResource',
          message: 'series',
          kind: 'Dataset',
          name: 'orders-raw',
          count: 7,
          lastSeen: '2026-12-01T09:05:00.000Z',
        },
        expect.objectContaining({
          message: 'eventTime',
          type: 'Normal',
          count: 1,
          lastSeen: '2026-12-01T09:04:00.000Z',
        }),
        expect.objectContaining({
          message: 'last',
          count: 3,
          lastSeen: '2026-12-01T09:03:00Z',
        }),
        expect.objectContaining({
          message: 'created',
          lastSeen: '2026-12-01T09:01:00Z',
        }),
      ]);
    });

    it(`keeps only the newest ${EVENT_LIMIT}`, () => {
      const many = Array.from({ length: EVENT_LIMIT + 5 }, (_, minute) =>
        event(`minute ${minute}`, {
          lastTimestamp: new Date(Date.UTC(2026, 11, 1, 9, minute)),
        }),
      );
      const answer = report(xrWith(synced, creating), [], many);
      expect(answer.events.map(e => e.message)).toEqual(
        many
          .slice(5)
          .reverse()
          .map(e => e.message),
      );
    });
  });
});
