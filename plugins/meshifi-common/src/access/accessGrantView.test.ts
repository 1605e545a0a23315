import { dataAccessManifest } from '../model/manifests';
import { Condition, DataAccess, KubernetesObject } from '../model/types';
import { AccessRequest } from './accessApi';
import { accessGrantView, dayInWords } from './accessGrantView';

const now = new Date('2026-12-02T10:00:00Z');
const product = 'dataproduct:default/customer-orders';

const request = (over: Partial<AccessRequest> = {}): AccessRequest => ({
  id: 'r1',
  product,
  xr: { namespace: 'sales', name: 'customer-orders' },
  grantName: 'customer-orders-abcdefgh',
  consumer: {
    type: 'group',
    email: 'finance@example.com',
    entityRef: 'group:default/finance',
  },
  layer: 'curated',
  level: 'read',
  purpose: 'Reconcile invoices with orders',
  expires: '2027-03-31',
  requestedBy: 'user:default/pat',
  requestedAt: '2026-12-01T09:00:00Z',
  decision: 'pending',
  ...over,
});

function grant(conditions: Condition[], expires = '2027-03-31'): DataAccess {
  const manifest = dataAccessManifest('customer-orders-abcdefgh', 'sales', {
    product: 'customer-orders',
    consumer: request().consumer,
    purpose: 'Reconcile invoices with orders',
    expires,
  });
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      creationTimestamp: '2026-12-01T10:00:00Z',
    },
    status: { conditions },
  };
}

const member = (status: string, message: string): KubernetesObject => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'DatasetIAMMember',
  metadata: { name: 'm' },
  status: { conditions: [{ type: 'Synced', status, message }] },
});

describe('accessGrantView', () => {
  it('says a request waits for the owners until one decides', () => {
    const view = accessGrantView({ product, request: request(), now });
    expect(view.state).toBe('awaiting-approval');
    expect(view.stateText).toMatch(/Awaiting approval/);
    expect(view.requestedBy).toBe('user:default/pat');
    expect(view.since).toBeUndefined();
  });

  it('says who declined, and keeps their reason', () => {
    const view = accessGrantView({
      product,
      request: request({
        decision: 'declined',
        decidedBy: 'user:default/ana',
        reason: 'Use the finance extract instead',
      }),
      now,
    });
    expect(view.state).toBe('declined');
    expect(view.stateText).toBe('Declined by user:default/ana');
    expect(view.reason).toBe('Use the finance extract instead');
  });

  it('is being granted once approved until the cluster says Ready', () => {
    const approved = request({
      decision: 'approved',
      decidedBy: 'user:default/ana',
      decidedAt: '2026-12-02T09:00:00Z',
    });
    expect(accessGrantView({ product, request: approved, now }).state).toBe(
      'being-granted',
    );
    const notReady = accessGrantView({
      product,
      request: approved,
      grant: grant([{ type: 'Ready', status: 'False' }]),
      now,
    });
    expect(notReady.state).toBe('being-granted');
    expect(notReady.since).toBe('2026-12-02T09:00:00Z');
  });

  it('is active until 14 days before its end, then expiring', () => {
    const ready: Condition[] = [{ type: 'Ready', status: 'True' }];
    const active = accessGrantView({ product, grant: grant(ready), now });
    expect(active.state).toBe('active');
    expect(active.stateText).toBe('Active until 31 March 2027');
    // The grant ends when 2026-12-15 ends: 13 days and 14 hours from now.
    const soon = accessGrantView({
      product,
      grant: grant(ready, '2026-12-15'),
      now,
    });
    expect(soon.state).toBe('expiring');
    const later = accessGrantView({
      product,
      grant: grant(ready, '2026-12-17'),
      now,
    });
    expect(later.state).toBe('active');
  });

  it('has ended once its last day has ended in UTC', () => {
    const ready: Condition[] = [{ type: 'Ready', status: 'True' }];
    const lastDay = accessGrantView({
      product,
      grant: grant(ready, '2026-12-02'),
      now,
    });
    expect(lastDay.state).toBe('expiring');
    const ended = accessGrantView({
      product,
      grant: grant(ready, '2026-12-01'),
      now,
    });
    expect(ended.state).toBe('ended');
    expect(ended.stateText).toBe('Ended on 1 December 2026');
  });

  it("says the platform's refusal or the provider's failure", () => {
    const refused = accessGrantView({
      product,
      grant: grant([
        {
          type: 'Synced',
          status: 'False',
          message: 'The raw layer of a data product is not shared',
        },
      ]),
      now,
    });
    expect(refused.state).toBe('failed');
    expect(refused.failure).toMatch(/raw layer/);
    const provider = accessGrantView({
      product,
      grant: grant([{ type: 'Ready', status: 'False' }]),
      composed: [member('False', 'googleapi: Error 403: denied')],
      now,
    });
    expect(provider.state).toBe('failed');
    expect(provider.failure).toBe('googleapi: Error 403: denied');
  });

  it('shows a grant written without a request from the cluster alone', () => {
    const view = accessGrantView({
      product,
      grant: grant([{ type: 'Ready', status: 'True' }]),
      now,
    });
    expect(view.requestId).toBeUndefined();
    expect(view.consumer.entityRef).toBe('group:default/finance');
    expect(view.since).toBe('2026-12-01T10:00:00Z');
  });

  it('writes days in words', () => {
    expect(dayInWords('2027-01-09')).toBe('9 January 2027');
    expect(dayInWords('2027-02-30')).toBe('2027-02-30');
  });
});
