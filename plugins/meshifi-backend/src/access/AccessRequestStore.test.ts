import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { AccessRequest } from '@meshifi/common';
import { AccessRequestStore } from './AccessRequestStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

// The test command starts PostgreSQL: then its half of the suite must run.
it('has PostgreSQL whenever the test command started it', () => {
  const required = process.env.MESHIFI_REQUIRE_POSTGRES === 'true';
  expect(!required || databases.supports('POSTGRES_15')).toBe(true);
});

let next = 0;
const request = (over: Partial<AccessRequest> = {}): AccessRequest => ({
  id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  product: 'dataproduct:default/orders',
  xr: { namespace: 'sales', name: 'orders' },
  grantName: 'orders-abcdefgh',
  consumer: {
    type: 'group',
    email: 'finance@example.com',
    entityRef: 'group:default/finance',
  },
  layer: 'curated',
  level: 'read',
  purpose: 'Reconcile invoices with orders',
  expires: '2027-03-31',
  requestedBy: 'user:default/bo',
  requestedAt: new Date(Date.UTC(2026, 11, 1, 0, next)).toISOString(),
  decision: 'pending',
  ...over,
});

describe.each(databases.eachSupportedId())(
  'AccessRequestStore on %s',
  (databaseId: TestDatabaseId) => {
    async function store() {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex } as DatabaseService;
      return AccessRequestStore.create(database);
    }

    it('keeps a request as it was asked, and finds it by product and consumer', async () => {
      const requests = await store();
      const asked = request();
      await requests.add(asked);
      expect(await requests.get(asked.id)).toEqual(asked);
      expect(await requests.forProduct(asked.product)).toEqual([asked]);
      expect(await requests.forConsumers(['group:default/finance'])).toEqual([
        asked,
      ]);
      expect(await requests.forConsumers(['group:default/sales'])).toEqual([]);
      expect(await requests.forConsumers([])).toEqual([]);
    });

    it('refuses a second identical request while the first waits, even when both arrive at once', async () => {
      const requests = await store();
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => requests.add(request())),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      for (const refused of results.filter(r => r.status === 'rejected')) {
        expect((refused as PromiseRejectedResult).reason.name).toBe(
          'ConflictError',
        );
      }
      // Another consumer's request is another grant.
      await requests.add(request({ grantName: 'orders-zzzzzzzz' }));
    });

    it('gives a waiting request to exactly one of many deciders at once', async () => {
      const requests = await store();
      const asked = request();
      await requests.add(asked);
      const at = '2026-12-02T10:00:00.000Z';
      const claims = await Promise.all([
        requests.claim(asked.id, 'user:default/ana', at),
        requests.claim(asked.id, 'user:default/pat', at),
        requests.decline(asked.id, 'user:default/pat', at, 'no'),
        requests.claim(asked.id, 'user:default/ana', at),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('lets a request wait again when its approval failed, and frees the same request once decided', async () => {
      const requests = await store();
      const asked = request();
      await requests.add(asked);
      expect(await requests.claim(asked.id, 'user:default/ana', 'now')).toBe(
        true,
      );
      await requests.release(asked.id);
      expect(await requests.get(asked.id)).toEqual(asked);
      expect(await requests.claim(asked.id, 'user:default/ana', 'then')).toBe(
        true,
      );
      await requests.approved(asked.id, 'abc123');
      expect(await requests.get(asked.id)).toMatchObject({
        decision: 'approved',
        decidedBy: 'user:default/ana',
        commit: 'abc123',
      });
      // Approved, it no longer blocks a new request (e.g. once it ended).
      await requests.add(request());
      expect(await requests.decline(asked.id, 'x', 'now', 'late')).toBe(false);
    });
  },
);
