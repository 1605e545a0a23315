import { dataAccessManifest } from '@meshifi/common';
import { EndedGrant, endedGrant, endedGrantsMessage } from './endedGrant';

const grant = (name: string): EndedGrant => ({
  name,
  namespace: 'sales',
  product: 'customer-orders',
  consumer: 'group:default/finance',
  expires: '2026-11-30',
  path: `domains/sales/access/${name}.yaml`,
});

describe('endedGrant', () => {
  it('names the consumer by its catalog entity, else by its IAM member', () => {
    const spec = {
      product: 'customer-orders',
      purpose: 'Reporting.',
      expires: '2026-11-30',
    };
    expect(
      endedGrant(
        dataAccessManifest('a', 'sales', {
          ...spec,
          consumer: {
            type: 'group',
            email: 'finance@example.com',
            entityRef: 'group:default/finance',
          },
        }),
        'domains/sales/access/a.yaml',
      ).consumer,
    ).toBe('group:default/finance');
    const withoutEntity = dataAccessManifest('b', 'sales', {
      ...spec,
      consumer: {
        type: 'serviceAccount',
        email: 'dp@p.iam.gserviceaccount.com',
      },
    });
    delete withoutEntity.metadata.namespace;
    expect(endedGrant(withoutEntity, 'access/b.yaml')).toEqual({
      name: 'b',
      namespace: 'default',
      product: 'customer-orders',
      consumer: 'serviceAccount:dp@p.iam.gserviceaccount.com',
      expires: '2026-11-30',
      path: 'access/b.yaml',
    });
  });
});

describe('endedGrantsMessage', () => {
  it('says in its subject which grant ended, whose it was and its last day', () => {
    const [subject, blank, why, , line] = endedGrantsMessage([
      grant('finance-orders'),
    ]).split('\n');
    expect(subject).toBe(
      'Remove an access grant that ended: finance-orders (group:default/finance until 2026-11-30)',
    );
    expect(blank).toBe('');
    expect(why).toMatch(/^Their last day has ended: Google Cloud already/);
    expect(line).toBe(
      '- sales/finance-orders: group:default/finance on the data product customer-orders, last day 2026-11-30 (UTC), domains/sales/access/finance-orders.yaml',
    );
  });

  it('names three grants in its subject and every grant in its body', () => {
    const grants = ['a', 'b', 'c', 'd', 'e'].map(grant);
    const message = endedGrantsMessage(grants);
    expect(message.split('\n')[0]).toBe(
      'Remove 5 access grants that ended: a (group:default/finance until 2026-11-30), b (group:default/finance until 2026-11-30), c (group:default/finance until 2026-11-30), and 2 more',
    );
    expect(message.split('\n').filter(l => l.startsWith('- '))).toHaveLength(5);
  });
});
