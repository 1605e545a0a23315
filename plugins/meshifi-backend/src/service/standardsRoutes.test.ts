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
  MESHIFI_ANNOTATIONS,
  OdpsProduct,
  OutputPort,
  odcsContractIdOf,
  outputPortFromOdcs,
} from '@meshifi/common';
import request from 'supertest';
import { parse } from 'yaml';
import { meshifiPlugin } from '../plugin';

const config = mockServices.rootConfig.factory({
  data: {
    meshifi: { platform: { project: 'meshifi-platform', location: 'EU' } },
  },
});

const ordersPort: OutputPort = {
  name: 'orders_by_day',
  description: 'One row per customer and day.',
  contract: {
    columns: [
      { name: 'order_day', type: 'DATE', mode: 'REQUIRED' },
      { name: 'customer_email', type: 'STRING', personalData: true },
      { name: 'total', type: 'NUMERIC' },
    ],
    primaryKey: ['order_day', 'customer_email'],
    freshness: { refreshEvery: '1d' },
    quality: [{ rule: 'rowCountAbove', value: 10 }],
  },
};

const product = (
  name: string,
  spec: Record<string, unknown>,
  namespace = 'sales',
): Entity => ({
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name,
    namespace,
    annotations: {
      [MESHIFI_ANNOTATIONS.xrNamespace]: namespace,
      [MESHIFI_ANNOTATIONS.xrName]: name,
    },
  },
  spec: {
    type: 'data-product',
    lifecycle: 'production',
    owner: 'group:default/sales',
    domain: 'sales',
    version: '1.4.0',
    owners: ['ana@example.com'],
    datasets: [],
    serviceAccountId: `dp-${name}`,
    ...spec,
  },
});

const orders = product('customer-orders', { outputPorts: [ordersPort] });
const forecast = product(
  'sales-forecast',
  {
    version: '0.2.0',
    inputPorts: [
      { product: 'customer-orders', port: 'orders_by_day' },
      { product: 'gone-product', port: 'lines' },
    ],
  },
  'finance',
);
const salesDomain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name: 'sales',
    annotations: { [MESHIFI_ANNOTATIONS.gcpProject]: 'sales-prod' },
  },
  spec: { owner: 'group:default/sales' },
};

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

async function start(
  permissions = permissionsDenying(),
  ...features: Array<ReturnType<typeof mockServices.httpAuth.factory>>
) {
  const backend = await startTestBackend({
    features: [
      meshifiPlugin,
      config,
      catalogServiceMock.factory({
        entities: [orders, forecast, salesDomain],
      }),
      permissions.factory,
      ...features,
    ],
  });
  return { server: backend.server, permissions, stop: () => backend.stop() };
}

const get = (server: any, path: string) =>
  request(server)
    .get(`/api/meshifi${path}`)
    .set('Authorization', mockCredentials.user.header());

describe('GET /products/:namespace/:name/contracts/:port', () => {
  it("downloads the port's ODCS contract, which reads back as the port", async () => {
    const { server, permissions, stop } = await start();
    const res = await get(
      server,
      '/products/sales/customer-orders/contracts/orders_by_day',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="customer-orders.orders_by_day.odcs.yaml"',
    );
    const contract = parse(res.text);
    expect(contract).toMatchObject({
      apiVersion: 'v3.1.0',
      kind: 'DataContract',
      id: odcsContractIdOf('customer-orders', 'orders_by_day'),
      version: '1.4.0',
      status: 'active',
      team: { name: 'group:default/sales' },
    });
    // The project is the domain's, as the catalog places the product.
    expect(contract.servers).toEqual([
      expect.objectContaining({ type: 'bigquery', project: 'sales-prod' }),
    ]);
    const imported = outputPortFromOdcs(res.text);
    expect(imported.ok && imported.value.port).toEqual(ordersPort);

    // Checked with the caller's own credentials, on the product's entity.
    const [requests, options] = permissions.authorize.mock.calls[0];
    expect((requests[0] as { resourceRef?: string }).resourceRef).toBe(
      'dataproduct:sales/customer-orders',
    );
    expect(options.credentials.principal).toEqual(
      mockCredentials.user().principal,
    );
    await stop();
  });

  it('answers 404 naming the tables offered for a table the product does not offer', async () => {
    const { server, stop } = await start();
    const res = await get(
      server,
      '/products/sales/customer-orders/contracts/returns',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'The data product customer-orders offers no table "returns": it offers orders_by_day.',
    );
    const none = await get(
      server,
      '/products/finance/sales-forecast/contracts/orders_by_day',
    );
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(/offers no tables yet/);
    await stop();
  });

  it('answers 404 for a product the catalog does not have', async () => {
    const { server, stop } = await start();
    const res = await get(server, '/products/sales/ghost/contracts/orders');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'There is no data product ghost in the catalog.',
    );
    await stop();
  });

  it('answers 403 to a caller who may not read the product', async () => {
    const { server, stop } = await start(
      permissionsDenying('dataproduct:sales/customer-orders'),
    );
    const denied = await get(
      server,
      '/products/sales/customer-orders/contracts/orders_by_day',
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/may not see this data product/);
    expect(denied.text).not.toContain('customer_email');
    await stop();
  });
});

describe('GET /products/:namespace/:name/odps', () => {
  it('downloads the ODPS product, its input ports naming the contracts they read', async () => {
    const { server, stop } = await start();
    const res = await get(server, '/products/finance/sales-forecast/odps');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="sales-forecast.odps.yaml"',
    );
    const document = parse(res.text) as OdpsProduct;
    expect(document).toMatchObject({
      apiVersion: 'v1.0.0',
      kind: 'DataProduct',
      id: 'sales-forecast',
      version: '0.2.0',
    });
    expect(document.inputPorts).toEqual([
      {
        name: 'customer-orders.orders_by_day',
        version: '1.4.0',
        contractId: odcsContractIdOf('customer-orders', 'orders_by_day'),
      },
      {
        name: 'gone-product.lines',
        version: 'latest',
        contractId: odcsContractIdOf('gone-product', 'lines'),
      },
    ]);
    await stop();
  });

  it("names each output port's contract by the id of the contract download", async () => {
    const { server, stop } = await start();
    const odps = parse(
      (await get(server, '/products/sales/customer-orders/odps')).text,
    ) as OdpsProduct;
    const contract = parse(
      (
        await get(
          server,
          '/products/sales/customer-orders/contracts/orders_by_day',
        )
      ).text,
    );
    expect(odps.outputPorts).toEqual([
      expect.objectContaining({
        name: 'orders_by_day',
        contractId: contract.id,
      }),
    ]);
    await stop();
  });

  it('answers 404 and 403 as the contract download does', async () => {
    const { server, stop } = await start(
      permissionsDenying('dataproduct:sales/customer-orders'),
    );
    expect((await get(server, '/products/sales/ghost/odps')).status).toBe(404);
    expect(
      (await get(server, '/products/sales/customer-orders/odps')).status,
    ).toBe(403);
    await stop();
  });
});

it('turns away a caller without credentials from both downloads', async () => {
  const { server, permissions, stop } = await start(
    permissionsDenying(),
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.none(),
    }),
  );
  for (const path of [
    '/products/sales/customer-orders/contracts/orders_by_day',
    '/products/sales/customer-orders/odps',
  ]) {
    const res = await request(server).get(`/api/meshifi${path}`);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('customer_email');
  }
  expect(permissions.authorize).not.toHaveBeenCalled();
  await stop();
});
