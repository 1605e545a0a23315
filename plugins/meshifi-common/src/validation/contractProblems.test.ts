import { dataProductManifest } from '../model/manifests';
import { DataProduct, DataProductSpec, OutputPort } from '../model/types';
import { contractProblems } from './contractProblems';
import { validateDataProduct } from './validateDataProduct';

const ordersPort = (): OutputPort => ({
  name: 'orders',
  description: 'One row per order.',
  contract: {
    columns: [
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'amount', type: 'NUMERIC' },
      { name: 'ordered_at', type: 'TIMESTAMP' },
    ],
    primaryKey: ['order_id'],
    freshness: { refreshEvery: '1d' },
    quality: [
      { rule: 'notNull', column: 'amount' },
      { rule: 'unique', column: 'order_id' },
      { rule: 'rowCountAbove', value: 0 },
    ],
  },
});

const product = (spec: Partial<DataProductSpec> = {}): DataProduct =>
  dataProductManifest({
    info: { name: 'customer-orders', version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    outputPorts: [ordersPort()],
    ...spec,
  });

const withContract = (
  change: (port: OutputPort) => void,
  spec: Partial<DataProductSpec> = {},
): DataProduct => {
  const port = ordersPort();
  change(port);
  return product({ outputPorts: [port], ...spec });
};

describe('contractProblems', () => {
  it('finds nothing wrong with a complete product, and validateDataProduct accepts it', () => {
    expect(contractProblems(product())).toEqual([]);
    expect(validateDataProduct(product()).ok).toBe(true);
  });

  it('finds nothing wrong with a product of no ports and no lifecycle', () => {
    expect(contractProblems(product({ outputPorts: undefined }))).toEqual([]);
  });

  it('refuses a column named twice, whatever the case, at the second one', () => {
    const problems = contractProblems(
      withContract(port => {
        port.contract.columns.push({ name: 'Order_ID', type: 'INT64' });
      }),
    );
    expect(problems).toEqual([
      {
        path: 'spec.outputPorts.0.contract.columns.3.name',
        message: expect.stringContaining('"Order_ID" twice'),
      },
    ]);
    expect(problems[0].message).toContain('orders');
  });

  it('refuses a primary key on a column the table does not have', () => {
    expect(
      contractProblems(
        withContract(port => {
          port.contract.primaryKey = ['order_id', 'customer_id'];
        }),
      ),
    ).toEqual([
      {
        path: 'spec.outputPorts.0.contract.primaryKey.1',
        message: expect.stringContaining('"customer_id"'),
      },
    ]);
  });

  it('accepts a key that names its column in another case, since BigQuery ignores it', () => {
    expect(
      contractProblems(
        withContract(port => {
          port.contract.primaryKey = ['ORDER_ID'];
        }),
      ),
    ).toEqual([]);
  });

  it('refuses a key column named twice', () => {
    expect(
      contractProblems(
        withContract(port => {
          port.contract.primaryKey = ['order_id', 'Order_Id'];
        }),
      ),
    ).toEqual([
      {
        path: 'spec.outputPorts.0.contract.primaryKey.1',
        message: expect.stringContaining('twice'),
      },
    ]);
  });

  it.each(['notNull', 'unique'] as const)(
    'refuses a %s rule on a missing column, and one with no column',
    rule => {
      const problems = contractProblems(
        withContract(port => {
          port.contract.quality = [
            { rule, column: 'discount' },
            { rule, column: '' },
          ];
        }),
      );
      expect(problems.map(p => p.path)).toEqual([
        'spec.outputPorts.0.contract.quality.0.column',
        'spec.outputPorts.0.contract.quality.1.column',
      ]);
      expect(problems[0].message).toContain('"discount"');
      expect(problems[1].message).toContain('needs the column');
    },
  );

  it('refuses a row-count rule below zero', () => {
    const problems = contractProblems(
      withContract(port => {
        port.contract.quality = [{ rule: 'rowCountAbove', value: -1 }];
      }),
    );
    expect(problems.map(p => p.path)).toEqual([
      'spec.outputPorts.0.contract.quality.0.value',
    ]);
  });

  it('refuses a table offered twice, at the second port', () => {
    const problems = contractProblems(
      product({ outputPorts: [ordersPort(), ordersPort()] }),
    );
    expect(problems).toEqual([
      {
        path: 'spec.outputPorts.1.name',
        message: expect.stringContaining('"orders" is offered twice'),
      },
    ]);
  });

  it('refuses an input port read twice and one of the product itself', () => {
    const problems = contractProblems(
      product({
        inputPorts: [
          { product: 'customers', port: 'customers' },
          { product: 'customers', port: 'customers' },
          { product: 'customer-orders', port: 'orders' },
        ],
      }),
    );
    expect(problems.map(p => p.path)).toEqual([
      'spec.inputPorts.1',
      'spec.inputPorts.2.product',
    ]);
  });

  describe('lifecycle', () => {
    it.each(['proposed', 'active', 'retired'] as const)(
      'asks nothing more of a %s product',
      status => {
        expect(contractProblems(product({ status }))).toEqual([]);
      },
    );

    it('asks a deprecated product for its last day and a replacement or reason', () => {
      expect(contractProblems(product({ status: 'deprecated' }))).toEqual([
        {
          path: 'spec.deprecation',
          message: expect.stringContaining('last day'),
        },
      ]);
    });

    it('accepts a deprecation with a day and a replacement, or a day and a reason', () => {
      expect(
        contractProblems(
          product({
            status: 'deprecated',
            deprecation: { date: '2027-06-30', replacedBy: 'orders-v2' },
          }),
        ),
      ).toEqual([]);
      expect(
        contractProblems(
          product({
            status: 'deprecated',
            deprecation: { date: '2027-06-30', reason: 'Nobody reads it.' },
          }),
        ),
      ).toEqual([]);
    });

    it('refuses a deprecation with neither replacement nor reason, or a blank reason', () => {
      for (const reason of [undefined, '   ']) {
        expect(
          contractProblems(
            product({
              status: 'deprecated',
              deprecation: { date: '2027-06-30', reason },
            }),
          ).map(p => p.path),
        ).toEqual(['spec.deprecation']);
      }
    });

    it.each(['2027-02-30', '2027-13-01', 'tomorrow'])(
      'refuses the last day %p, which is not a day',
      date => {
        const problems = contractProblems(
          product({
            status: 'deprecated',
            deprecation: { date, reason: 'Moved to the new warehouse.' },
          }),
        );
        expect(problems).toEqual([
          {
            path: 'spec.deprecation.date',
            message: expect.stringContaining(`"${date}"`),
          },
        ]);
      },
    );

    it('refuses a product that replaces itself', () => {
      expect(
        contractProblems(
          product({
            status: 'deprecated',
            deprecation: { date: '2027-06-30', replacedBy: 'customer-orders' },
          }),
        ).map(p => p.path),
      ).toEqual(['spec.deprecation.replacedBy']);
    });
  });

  describe('through validateDataProduct, with the schema', () => {
    const messagesOf = (manifest: unknown) => {
      const result = validateDataProduct(manifest);
      return result.ok ? [] : result.problems.map(p => p.message);
    };

    it('refuses a type BigQuery does not have, listing the ones it has', () => {
      const manifest = withContract(port => {
        (port.contract.columns[1] as { type: string }).type = 'MONEY';
      });
      const [message, ...rest] = messagesOf(manifest);
      expect(rest).toEqual([]);
      expect(message).toContain('NUMERIC');
      expect(message).toContain('STRING');
    });

    it.each([
      'Orders',
      'orders-by-day',
      '1orders',
      'orders__x',
      'a'.repeat(64),
    ])('refuses the table name %p with an example of a good one', name => {
      const manifest = withContract(port => {
        port.name = name;
      });
      expect(messagesOf(manifest)).toEqual([
        expect.stringContaining('orders_by_day'),
      ]);
    });

    it('reports the contract rules once the schema is met', () => {
      const manifest = withContract(port => {
        port.contract.columns.push({ name: 'AMOUNT', type: 'FLOAT64' });
        port.contract.primaryKey = ['id'];
      });
      expect(messagesOf(manifest)).toHaveLength(2);
    });
  });
});
