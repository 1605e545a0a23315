import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { BIGQUERY_COLUMN_TYPES, MESHIFI_ANNOTATIONS } from '@meshifi/common';
import { parse } from 'yaml';
import type { OutputPortAnswer } from '@meshifi/common';
import { createDataProductAction } from './createDataProduct';

const config = new ConfigReader({
  meshifi: { platform: { project: 'meshifi-demo', location: 'EU' } },
});

/** An output port's API entity, as the catalog module makes it. */
const contractApi = (name: string, product: string, port: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name,
    annotations: {
      [MESHIFI_ANNOTATIONS.dataProduct]: product,
      [MESHIFI_ANNOTATIONS.outputPort]: port,
    },
  },
  spec: { type: 'data-contract', lifecycle: 'production', owner: 'x' },
});

const org: Entity[] = [
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
    kind: 'Domain',
    metadata: {
      name: 'sales',
      annotations: { 'meshifi.io/gcp-project': 'acme-sales-data' },
    },
    spec: { owner: 'group:default/sales-analytics' },
  },
  contractApi('customers.customers', 'customers', 'customers'),
  // A long name is shortened in the catalog: the annotations say the port.
  contractApi(
    'customer-lifetime-value-by-region-and-quarter.quarterl-3fz2k1q9xw0ab',
    'customer-lifetime-value-by-region-and-quarter',
    'quarterly_customer_lifetime_value',
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'petstore' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'x' },
  },
];

const ordersTable = (): OutputPortAnswer => ({
  name: 'orders',
  description: 'One row per order placed in the web shop.',
  columns: [
    {
      name: 'order_id',
      type: 'STRING',
      required: true,
      description: 'The shop order number',
    },
    { name: 'customer_email', type: 'STRING', personalData: true },
    { name: 'amount', type: 'NUMERIC', required: false },
  ],
  primaryKey: ['order_id'],
  refreshEvery: '1d',
});

describe('meshifi:dataproduct:create with an output table and tables read', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  const run = async (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        name: 'customer-orders',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics'],
        version: '0.1.0',
        ...input,
      } as any,
    });
    await createDataProductAction({
      catalog: catalogServiceMock({ entities: org }),
      permissions: mockServices.permissions(),
      settings: { allowedProjects: [], allowedEmailDomains: [] },
      config,
    }).handler(ctx);
    return parse(
      (workspace.content() as any).domains.sales.products[
        'customer-orders.yaml'
      ],
    );
  };

  /** Expects the action to refuse, with these words, writing nothing. */
  const expectRefused = async (
    input: Record<string, unknown>,
    words: string[],
  ) => {
    const attempt = run(input);
    await expect(attempt).rejects.toThrow();
    const message = await attempt.catch((error: Error) => error.message);
    for (const word of words) {
      expect(message).toContain(word);
    }
    expect(workspace.content()).toEqual({});
  };

  it("writes the output table as the product's first output port, in the model's words", async () => {
    const written = await run({ outputPort: ordersTable() });
    expect(written.spec.outputPorts).toEqual([
      {
        name: 'orders',
        description: 'One row per order placed in the web shop.',
        contract: {
          columns: [
            {
              name: 'order_id',
              type: 'STRING',
              mode: 'REQUIRED',
              description: 'The shop order number',
            },
            { name: 'customer_email', type: 'STRING', personalData: true },
            { name: 'amount', type: 'NUMERIC' },
          ],
          primaryKey: ['order_id'],
          freshness: { refreshEvery: '1d' },
        },
      },
    ]);
  });

  it.each([undefined, {}, { name: '', columns: [] }, { name: '  ' }])(
    'offers no table when the step is left empty (%p)',
    async outputPort => {
      const written = await run({ outputPort });
      expect(written.spec.outputPorts).toBeUndefined();
    },
  );

  it('asks for a name when columns are given without one', async () => {
    const { name, ...nameless } = ordersTable();
    await expectRefused({ outputPort: nameless }, [
      'Give the output table a name',
    ]);
  });

  it('refuses a type BigQuery does not have, listing those it has', async () => {
    const table = ordersTable();
    table.columns![2].type = 'MONEY';
    await expectRefused({ outputPort: table }, [...BIGQUERY_COLUMN_TYPES]);
  });

  it('refuses a column named twice, in any case', async () => {
    const table = ordersTable();
    table.columns!.push({ name: 'Amount', type: 'FLOAT64' });
    await expectRefused({ outputPort: table }, ['"Amount" twice']);
  });

  it('refuses a primary key on a column the table does not have', async () => {
    const table = ordersTable();
    table.primaryKey = ['order_number'];
    await expectRefused({ outputPort: table }, ['"order_number"']);
  });

  it('refuses a table name that is no BigQuery table id, with an example', async () => {
    const table = ordersTable();
    table.name = 'Orders by day';
    await expectRefused({ outputPort: table }, ['orders_by_day']);
  });

  it('refuses a table without columns', async () => {
    await expectRefused({ outputPort: { name: 'orders', columns: [] } }, [
      'between 1 and',
    ]);
  });

  it("takes ports in the model's shape, as the contract import gives them, before the form's", async () => {
    const imported = {
      name: 'refunds',
      contract: {
        columns: [{ name: 'refund_id', type: 'STRING', mode: 'REQUIRED' }],
        quality: [{ rule: 'unique', column: 'refund_id' }],
      },
    };
    const written = await run({
      outputPorts: [imported],
      outputPort: ordersTable(),
    });
    expect(
      written.spec.outputPorts.map((p: { name: string }) => p.name),
    ).toEqual(['refunds', 'orders']);
    expect(written.spec.outputPorts[0]).toEqual(imported);
  });

  it("refuses a port in the model's shape that breaks the contract rules, and the same table twice", async () => {
    await expectRefused(
      {
        outputPorts: [
          {
            name: 'orders',
            contract: {
              columns: [{ name: 'id', type: 'STRING' }],
              quality: [{ rule: 'notNull', column: 'amount' }],
            },
          },
        ],
        outputPort: ordersTable(),
      },
      ['"amount"', 'offered twice'],
    );
  });

  it("reads the tables picked as input ports, by their entities' annotations", async () => {
    const written = await run({
      inputPorts: [
        'api:default/customers.customers',
        'api:default/customer-lifetime-value-by-region-and-quarter.quarterl-3fz2k1q9xw0ab',
      ],
    });
    expect(written.spec.inputPorts).toEqual([
      { product: 'customers', port: 'customers' },
      {
        product: 'customer-lifetime-value-by-region-and-quarter',
        port: 'quarterly_customer_lifetime_value',
      },
    ]);
  });

  it.each(['api:default/petstore', 'api:default/nothing.here'])(
    'refuses %p, which is no table of a data product',
    async ref => {
      await expectRefused({ inputPorts: [ref] }, [ref, 'pick the tables']);
    },
  );
});
