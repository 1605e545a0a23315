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
import { DataProductPlanResponse, ProvisioningReport } from '@meshifi/common';
import fc from 'fast-check';
import request from 'supertest';
import { meshifiPlugin } from '../plugin';

// No clusters: the plan and the pending list come from the catalog alone.
const config = mockServices.rootConfig.factory({
  data: {
    meshifi: { platform: { project: 'meshifi-platform', location: 'EU' } },
  },
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'sales',
      annotations: { 'meshifi.io/gcp-project': 'acme-sales-data' },
    },
    spec: { owner: 'group:default/sales-analytics', type: 'data-domain' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sales-analytics' },
    spec: {
      type: 'team',
      profile: { email: 'sales-analytics@example.com' },
      children: [],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ana' },
    spec: { profile: { email: 'ana@example.com' }, memberOf: [] },
  },
  {
    apiVersion: 'catalog.meshifi.io/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name: 'revenue',
      namespace: 'default',
      annotations: {
        'meshifi.io/xr-name': 'revenue',
        'meshifi.io/xr-namespace': 'sales',
      },
    },
    spec: {
      type: 'data-product',
      lifecycle: 'experimental',
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      version: '0.1.0',
      owners: ['ana@example.com'],
      datasets: [],
      serviceAccountId: 'dp-revenue',
    },
  },
];

/** Permissions that allow everything but creating products in the given domains. */
function permissionsDenyingCreateIn(...domains: string[]) {
  return mockServices.permissions.mock({
    authorize: jest.fn(async (requests: EvaluatePermissionRequest[]) =>
      requests.map(r => ({
        result:
          r.permission.name === 'meshifi.dataproduct.create' &&
          domains.includes((r as { resourceRef?: string }).resourceRef!)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    ) as any,
  });
}

async function start(
  permissions = permissionsDenyingCreateIn(),
  extra: any[] = [],
) {
  const backend = await startTestBackend({
    features: [
      meshifiPlugin,
      config,
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      ...extra,
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    permissions,
  };
}

const post = (server: any, body: unknown) =>
  request(server)
    .post('/api/meshifi/plan')
    .set('Authorization', mockCredentials.user.header())
    .send(body as object);

const answers = {
  name: 'customer-orders',
  domain: 'domain:default/sales',
  owners: ['user:default/ana', 'group:default/sales-analytics'],
};

describe('POST /plan', () => {
  it("plans in the domain's project, with the service account there, and lets a member create", async () => {
    const { server, permissions, stop } = await start();
    const res = await post(server, answers);
    expect(res.status).toBe(200);
    const body = res.body as DataProductPlanResponse;
    expect(body.mayCreate).toBe(true);
    expect(body.message).toBeUndefined();
    expect(body.plan.project).toBe('acme-sales-data');
    expect(body.plan.serviceAccountEmail).toBe(
      'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
    expect(body.plan.problems).toEqual([]);
    expect(body.plan.resources.map(r => r.summary)).toContain(
      'BigQuery dataset customer_orders_raw (raw layer) in EU, project acme-sales-data',
    );
    expect(body.plan.resources.map(r => r.summary)).toContain(
      'the group sales-analytics@example.com may act as dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
    // Asked with the caller's own credentials, on the domain's entity.
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'meshifi.dataproduct.create',
          }),
          resourceRef: 'domain:default/sales',
        }),
      ],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({
            userEntityRef: mockCredentials.user().principal.userEntityRef,
          }),
        }),
      },
    );
    await stop();
  });

  it("tells someone outside the domain's team whose team it is, with the plan", async () => {
    const { server, stop } = await start(
      permissionsDenyingCreateIn('domain:default/sales'),
    );
    const res = await post(server, answers);
    expect(res.status).toBe(200);
    expect(res.body.mayCreate).toBe(false);
    expect(res.body.message).toBe(
      'You are not in the sales-analytics team, which owns the domain "sales": only its members create data products there. Ask someone in sales-analytics to add you to the team (group:default/sales-analytics), or pick the domain of your own team.',
    );
    expect(res.body.plan.project).toBe('acme-sales-data');
    await stop();
  });

  it('says what is wrong with the answers, and that nothing can be created', async () => {
    const { server, stop } = await start();
    const res = await post(server, {
      name: 'Customer Orders',
      domain: 'finance',
      owners: ['user:default/ghost'],
    });
    expect(res.status).toBe(200);
    const body = res.body as DataProductPlanResponse;
    expect(body.plan.resources).toEqual([]);
    expect(body.plan.problems.map(p => p.message)).toEqual([
      'user:default/ghost is not in the catalog: pick owners from the list.',
      'The domain "finance" does not exist: pick one from the list, or ask the platform team to create it.',
      expect.stringMatching(/^The product name "Customer Orders" can only use/),
    ]);
    expect(body.mayCreate).toBe(false);
    expect(body.message).toBe(
      'The domain "finance" does not exist: pick one from the list, or ask the platform team to create it.',
    );
    await stop();
  });

  it.each([
    ['no JSON object', ['customer-orders'], /Send the answers as JSON/],
    ['no name', { owners: [] }, /Give the product's name/],
    [
      'a name that is no text',
      { name: 7, owners: [] },
      /Give the product's name/,
    ],
    [
      'a domain that is no text',
      { name: 'orders', domain: { $ne: null }, owners: [] },
      /^domain must be text/,
    ],
    [
      'owners that are no list of text',
      { name: 'orders', owners: 'user:default/ana' },
      /^owners must be a list/,
    ],
    [
      'too many owners',
      { name: 'orders', owners: Array.from({ length: 51 }, (_, i) => `u${i}`) },
      /^Pick at most 50 owners; this request has 51/,
    ],
  ])('refuses %s with what to send', async (_what, body, message) => {
    const { server, stop } = await start();
    const res = await post(server, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    await stop();
  });

  it('plans the output table the form declared, and says what is wrong with its contract', async () => {
    const { server, stop } = await start();
    const table = {
      name: 'orders',
      columns: [
        { name: 'order_id', type: 'STRING', required: true },
        { name: 'email', type: 'STRING', personalData: true },
      ],
      primaryKey: ['order_id'],
    };
    const planned = (await post(server, { ...answers, outputPort: table }))
      .body as DataProductPlanResponse;
    expect(planned.plan.problems).toEqual([]);
    expect(
      planned.plan.resources
        .filter(r => r.role === 'table')
        .map(r => r.summary),
    ).toEqual([expect.stringContaining('customer_orders_curated.orders')]);

    const wrong = (
      await post(server, {
        ...answers,
        outputPort: { ...table, primaryKey: ['customer_id'] },
      })
    ).body as DataProductPlanResponse;
    expect(wrong.plan.resources).toEqual([]);
    expect(wrong.plan.problems.map(p => p.message)).toEqual([
      expect.stringContaining(
        'names the column "customer_id", which the table does not have',
      ),
    ]);
    await stop();
  });

  it.each([
    ['an output table that is no object', { outputPort: 'orders' }],
    ['a table name that is no text', { outputPort: { name: 7 } }],
    ['columns that are no list', { outputPort: { columns: 'day' } }],
    [
      'a column without a type',
      { outputPort: { name: 'orders', columns: [{ name: 'day' }] } },
    ],
    ['tables read that are no list of refs', { inputPorts: [{ ref: 1 }] }],
    [
      'too many tables read',
      { inputPorts: Array.from({ length: 51 }, (_, i) => `api:default/t${i}`) },
    ],
  ])('refuses %s with what to send', async (_what, extra) => {
    const { server, stop } = await start();
    const res = await post(server, { ...answers, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /Send the output table as|Pick at most 50 tables/,
    );
    await stop();
  });

  it("plans the capability pages' answers: dbt's resources after the core's, and why a page cannot be used", async () => {
    const { server, stop } = await start();
    const dbt = {
      enabled: true,
      project: 'existing',
      repository: 'https://github.com/acme/sales-dbt.git',
      schedule: '0 6 * * *',
      command: 'dbt build',
    };
    const planned = (await post(server, { ...answers, capabilities: { dbt } }))
      .body as DataProductPlanResponse;
    expect(planned.plan.problems).toEqual([]);
    expect(planned.plan.manifest.spec.capabilities).toEqual({
      dbt: expect.objectContaining({ repository: dbt.repository }),
    });
    const ofDbt = planned.plan.resources.filter(
      r => r.resource.metadata.labels?.['meshifi.io/capability'] === 'dbt',
    );
    expect(ofDbt.length).toBeGreaterThan(0);
    expect(ofDbt.every(r => r.summary !== '')).toBe(true);

    // No starter repository is set on this platform.
    const starter = (
      await post(server, {
        ...answers,
        capabilities: { dbt: { ...dbt, project: 'starter' } },
      })
    ).body as DataProductPlanResponse;
    expect(starter.plan.resources).toEqual([]);
    expect(starter.plan.problems.map(p => p.message)).toEqual([
      expect.stringContaining(
        'This platform has no place for starter dbt projects yet',
      ),
    ]);
    await stop();
  });

  it('refuses capability answers that are no set of answers by name, with what to send', async () => {
    const { server, stop } = await start();
    const res = await post(server, { ...answers, capabilities: ['dbt'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^capabilities must be the answers of the capability pages/,
    );
    await stop();
  });

  it('answers any capability answers with a plan or a 400, never a server error (fast-check)', async () => {
    const { server, stop } = await start();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ withObjectString: true, withNullPrototype: true }),
          fc.record(
            {
              dbt: fc.record({
                enabled: fc.oneof(fc.constant(true), fc.anything()),
                project: fc.oneof(
                  fc.constantFrom('starter', 'existing'),
                  fc.anything(),
                ),
                repository: fc.anything(),
                schedule: fc.anything(),
              }),
              fivetran: fc.record({
                enabled: fc.oneof(fc.constant(true), fc.anything()),
                connections: fc.anything(),
              }),
            },
            { requiredKeys: [] },
          ),
        ),
        async capabilities => {
          const res = await post(server, { ...answers, capabilities });
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 500 },
    );
    await stop();
  }, 120_000);

  it('answers any output table and tables read with a plan or a 400, never a server error (fast-check)', async () => {
    const { server, stop } = await start();
    await fc.assert(
      fc.asyncProperty(
        fc.anything({ withObjectString: true, withNullPrototype: true }),
        fc.option(fc.array(fc.anything()), { nil: undefined }),
        async (outputPort, inputPorts) => {
          const res = await post(server, {
            ...answers,
            outputPort,
            inputPorts,
          });
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 1000 },
    );
    await stop();
  }, 120_000);

  it('turns away a caller without credentials', async () => {
    const { server, stop } = await start(permissionsDenyingCreateIn(), [
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ]);
    const res = await request(server).post('/api/meshifi/plan').send(answers);
    expect(res.status).toBe(401);
    await stop();
  });
});

describe('the pending list', () => {
  it("names the project of the product's domain entity, without a cluster", async () => {
    const { server, stop } = await start();
    const res = await request(server)
      .get('/api/meshifi/products/default/revenue/provisioning')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const report = res.body as ProvisioningReport;
    expect(report.missing.map(m => m.summary)).toContain(
      'BigQuery dataset revenue_raw (raw layer) in EU, project acme-sales-data',
    );
    expect(report.missing.map(m => m.summary)).toContain(
      'ana@example.com may act as dp-revenue@acme-sales-data.iam.gserviceaccount.com',
    );
    await stop();
  });
});
