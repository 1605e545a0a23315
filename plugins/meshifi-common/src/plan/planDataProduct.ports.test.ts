import { OutputPortAnswer } from './outputPortAnswer';
import { planDataProduct, PlannedInputs } from './planDataProduct';

const platform = { project: 'meshifi-platform', location: 'EU' };

const plan = (outputPort?: OutputPortAnswer, inputs?: PlannedInputs) =>
  planDataProduct({
    answers: { name: 'daily-orders', ...(outputPort ? { outputPort } : {}) },
    domain: { name: 'sales', found: true, project: 'acme-sales-data' },
    owners: { owners: ['ana@example.com'], unresolved: [] },
    ...(inputs ? { inputs } : {}),
    platform,
  });

const ordersTable = (): OutputPortAnswer => ({
  name: 'orders',
  description: 'One row per order.',
  columns: [
    { name: 'order_id', type: 'STRING', required: true },
    { name: 'email', type: 'STRING', personalData: true },
  ],
  primaryKey: ['order_id'],
  refreshEvery: '1d',
});

const errors = (result: ReturnType<typeof plan>) =>
  result.problems.filter(p => p.severity === 'error').map(p => p.message);

describe('planDataProduct: the Output table step and the tables read', () => {
  it('plans the table of the output port the form declared, in the curated dataset', () => {
    const result = plan(ordersTable());
    expect(errors(result)).toEqual([]);
    const table = result.resources.find(r => r.role === 'table');
    expect(table?.summary).toContain('daily_orders_curated.orders');
    expect(result.manifest.spec.outputPorts).toEqual([
      {
        name: 'orders',
        description: 'One row per order.',
        contract: {
          columns: [
            { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'email', type: 'STRING', personalData: true },
          ],
          primaryKey: ['order_id'],
          freshness: { refreshEvery: '1d' },
        },
      },
    ]);
  });

  it('plans no table when the optional step is left empty', () => {
    for (const empty of [undefined, {}, { name: '  ', columns: [] }]) {
      const result = plan(empty);
      expect(errors(result)).toEqual([]);
      expect(result.resources.some(r => r.role === 'table')).toBe(false);
      expect(result.manifest.spec.outputPorts).toBeUndefined();
    }
  });

  it.each<[string, OutputPortAnswer, string]>([
    [
      'columns without a table name',
      { columns: [{ name: 'day', type: 'DATE' }] },
      'Give the output table a name',
    ],
    [
      'a column twice',
      {
        ...ordersTable(),
        columns: [
          { name: 'day', type: 'DATE' },
          { name: 'Day', type: 'DATE' },
        ],
        primaryKey: [],
      },
      'has the column "Day" twice',
    ],
    [
      'a key on a missing column',
      { ...ordersTable(), primaryKey: ['customer_id'] },
      'names the column "customer_id", which the table does not have',
    ],
    [
      'a type BigQuery does not have',
      {
        ...ordersTable(),
        columns: [{ name: 'n', type: 'VARCHAR' }],
        primaryKey: [],
      },
      'Pick one of the BigQuery types',
    ],
    [
      'a table name that is not a table id',
      { ...ordersTable(), name: 'Orders-2024' },
      'lower-case letters, digits and single underscores',
    ],
  ])('says what is wrong with %s, and plans nothing', (_, answer, words) => {
    const result = plan(answer);
    expect(errors(result).join(' ')).toContain(words);
    expect(result.resources).toEqual([]);
  });

  it('reads the tables the catalog resolved, and refuses the picks it could not', () => {
    const read = plan(undefined, {
      ports: [{ product: 'customer-orders', port: 'orders' }],
      unresolved: [],
    });
    expect(errors(read)).toEqual([]);
    expect(read.manifest.spec.inputPorts).toEqual([
      { product: 'customer-orders', port: 'orders' },
    ]);

    const unknown = plan(undefined, {
      ports: [],
      unresolved: ['api:default/nowhere'],
    });
    expect(errors(unknown)).toEqual([
      'api:default/nowhere is not a table of a data product in the catalog: pick the tables your product reads from the list.',
    ]);
    expect(unknown.resources).toEqual([]);
  });
});
