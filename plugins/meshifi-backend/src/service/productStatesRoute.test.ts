import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  PRODUCT_STATES_MAX_REFS,
  ProductStatesResponse,
} from '@meshifi/common';
import request from 'supertest';
import { meshifiPlugin } from '../plugin';

// No clusters: every product the caller may read is in the state that says
// so, with why.
const config = mockServices.rootConfig.factory({
  data: {
    meshifi: { platform: { project: 'meshifi-platform', location: 'EU' } },
  },
});

const product = (name: string): Entity => ({
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'data-product',
    lifecycle: 'experimental',
    owner: 'group:default/sales',
    version: '0.1.0',
    owners: ['ana@example.com'],
    datasets: [],
    serviceAccountId: `dp-${name}`,
  },
});

/** Permissions that deny reading the given refs and allow everything else. */
function permissionsDenying(...denied: string[]) {
  return mockServices.permissions.mock({
    authorize: jest.fn(async (requests: EvaluatePermissionRequest[]) =>
      requests.map(r => ({
        result: denied.includes((r as { resourceRef?: string }).resourceRef!)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    ) as any,
  });
}

async function start(options: {
  entities?: Entity[];
  permissions?: ReturnType<typeof permissionsDenying>;
}) {
  const permissions = options.permissions ?? permissionsDenying();
  const backend = await startTestBackend({
    features: [
      meshifiPlugin,
      config,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      permissions.factory,
    ],
  });
  return {
    server: backend.server,
    permissions,
    stop: () => backend.stop(),
  };
}

const post = (server: any, body: unknown) =>
  request(server)
    .post('/api/meshifi/products/states')
    .set('Authorization', mockCredentials.user.header())
    .send(body as object);

describe('POST /products/states', () => {
  it('answers the products the caller may read, and leaves out the rest without saying why', async () => {
    const { server, permissions, stop } = await start({
      entities: [product('orders'), product('ledger'), product('returns')],
      permissions: permissionsDenying('dataproduct:default/ledger'),
    });
    const res = await post(server, {
      entityRefs: [
        'dataproduct:default/orders',
        'DataProduct:default/ledger',
        'returns',
        'dataproduct:default/no-such-product',
        'dataproduct:default/orders',
      ],
    });
    expect(res.status).toBe(200);
    const body = res.body as ProductStatesResponse;
    expect(body.items.map(i => i.entityRef)).toEqual([
      'dataproduct:default/orders',
      'dataproduct:default/returns',
    ]);
    // One batch, with the caller's own credentials, each ref once.
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    const [requests, options] = permissions.authorize.mock.calls[0];
    expect(
      requests.map(r => (r as { resourceRef?: string }).resourceRef),
    ).toEqual([
      'dataproduct:default/orders',
      'dataproduct:default/ledger',
      'dataproduct:default/returns',
      'dataproduct:default/no-such-product',
    ]);
    expect(
      requests.every(r => r.permission.name === 'catalog.entity.read'),
    ).toBe(true);
    expect(options.credentials.principal).toEqual(
      mockCredentials.user().principal,
    );

    // The same state and reason as the product's own provisioning route.
    const single = await request(server)
      .get('/api/meshifi/products/default/orders/provisioning')
      .set('Authorization', mockCredentials.user.header());
    expect(single.status).toBe(200);
    expect(body.items[0]).toEqual({
      entityRef: 'dataproduct:default/orders',
      state: single.body.state,
      reason: single.body.reason,
    });
    expect(body.items[0].reason).not.toBe('');
    await stop();
  });

  it('gives a denied product the same answer as one that does not exist', async () => {
    const { server, stop } = await start({
      entities: [product('ledger')],
      permissions: permissionsDenying('dataproduct:default/ledger'),
    });
    const denied = await post(server, {
      entityRefs: ['dataproduct:default/ledger'],
    });
    const missing = await post(server, {
      entityRefs: ['dataproduct:default/ghost'],
    });
    expect([denied.status, denied.body]).toEqual([200, { items: [] }]);
    expect([missing.status, missing.body]).toEqual([200, { items: [] }]);
    await stop();
  });

  it('answers an empty list without asking anyone', async () => {
    const { server, permissions, stop } = await start({});
    const res = await post(server, { entityRefs: [] });
    expect([res.status, res.body]).toEqual([200, { items: [] }]);
    expect(permissions.authorize).not.toHaveBeenCalled();
    await stop();
  });

  it(`refuses more than ${PRODUCT_STATES_MAX_REFS} refs with a message that says what to do`, async () => {
    const { server, permissions, stop } = await start({});
    const entityRefs = Array.from(
      { length: PRODUCT_STATES_MAX_REFS + 1 },
      (_, i) => `dataproduct:default/p${i}`,
    );
    const res = await post(server, { entityRefs });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `Ask for at most ${PRODUCT_STATES_MAX_REFS} products at a time; this request asks for ${
        PRODUCT_STATES_MAX_REFS + 1
      }. Split it into several requests.`,
    );
    expect(permissions.authorize).not.toHaveBeenCalled();

    const atTheLimit = await post(server, {
      entityRefs: entityRefs.slice(0, PRODUCT_STATES_MAX_REFS),
    });
    expect(atTheLimit.status).toBe(200);
    await stop();
  });

  it.each([
    [{}, /Send the products as JSON/],
    [{ entityRefs: 'dataproduct:default/orders' }, /Send the products as JSON/],
    [{ entityRefs: [42] }, /Send the products as JSON/],
    [
      { entityRefs: ['component:default/orders'] },
      /"component:default\/orders" is not a data product's entity ref/,
    ],
    [{ entityRefs: ['dataproduct:'] }, /is not a data product's entity ref/],
  ])('refuses %j with a clear 400', async (body, message) => {
    const { server, permissions, stop } = await start({});
    const res = await post(server, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(permissions.authorize).not.toHaveBeenCalled();
    await stop();
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const { server, permissions, stop } = await start({});
    const res = await request(server)
      .post('/api/meshifi/products/states')
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/json')
      .send('{"entityRefs": [');
    expect(res.status).toBe(400);
    expect(permissions.authorize).not.toHaveBeenCalled();
    await stop();
  });

  it('turns away a caller without credentials', async () => {
    const backend = await startTestBackend({
      features: [
        meshifiPlugin,
        config,
        catalogServiceMock.factory({ entities: [product('orders')] }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const res = await request(backend.server)
      .post('/api/meshifi/products/states')
      .send({ entityRefs: ['dataproduct:default/orders'] });
    expect(res.status).toBe(401);
    await backend.stop();
  });
});
