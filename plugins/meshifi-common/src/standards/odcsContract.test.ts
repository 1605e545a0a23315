import fc from 'fast-check';
import { parse } from 'yaml';
import { PRODUCT_STATUSES } from '../lifecycle/productStatus';
import { DataProduct } from '../model/types';
import { datasetId } from '../naming/datasetId';
import { productWithPortsArbitrary } from './__testUtils__/arbitraries';
import {
  officialSchemasNote,
  officialSchemasPresent,
  officialValidator,
} from './__testUtils__/officialSchemas';
import {
  barePort,
  ordersPort,
  sampleProduct,
} from './__testUtils__/sampleProducts';
import { odcsContractIdOf, odcsContractOf, odcsYamlOf } from './odcsContract';
import { ODCS_LOGICAL_TYPE_OF } from './odcsLogicalTypes';

const describeWithSchemas = officialSchemasPresent ? describe : describe.skip;

const propertyNamed = (
  contract: ReturnType<typeof odcsContractOf>,
  name: string,
) => contract.schema[0].properties.find(p => p.name === name)!;

describeWithSchemas(
  `odcsContractOf against ODCS v3.1.0${officialSchemasNote}`,
  () => {
    const validate = officialSchemasPresent
      ? officialValidator('odcs')
      : () => [];

    it.each<[string, DataProduct]>([
      [
        'a port with key, quality, freshness and personal data',
        sampleProduct(),
      ],
      [
        'a bare port of a product without domain, title or description',
        sampleProduct({
          info: { name: 'ids', version: '0.1.0' },
          domain: undefined,
          outputPorts: [barePort],
        }),
      ],
      [
        'a product placed in a project, with its Backstage owner',
        sampleProduct(
          {},
          { project: 'sales-prod', backstageOwner: 'group:default/sales' },
        ),
      ],
      [
        'a deprecated product replaced by another',
        sampleProduct({
          status: 'deprecated',
          deprecation: { date: '2027-06-30', replacedBy: 'orders-v2' },
        }),
      ],
      ...PRODUCT_STATUSES.map((status): [string, DataProduct] => [
        `a product ${status}`,
        sampleProduct({ status }),
      ]),
    ])('is valid for %s', (_what, product) => {
      for (const port of product.spec.outputPorts!) {
        expect(validate(odcsContractOf(product, port))).toEqual([]);
      }
    });

    it('is checked by a validator that refuses what the standard refuses', () => {
      const contract = odcsContractOf(sampleProduct(), ordersPort);
      const { id: _id, ...withoutId } = contract;
      expect(validate(withoutId)).not.toEqual([]);
      const [column, ...others] = contract.schema[0].properties;
      expect(
        validate({
          ...contract,
          schema: [
            {
              ...contract.schema[0],
              properties: [{ ...column, logicalType: 'float' }, ...others],
            },
          ],
        }),
      ).not.toEqual([]);
    });

    it('is valid for any product meshifi accepts', () => {
      fc.assert(
        fc.property(productWithPortsArbitrary, product => {
          for (const port of product.spec.outputPorts!) {
            expect(validate(odcsContractOf(product, port))).toEqual([]);
          }
        }),
        { numRuns: 300 },
      );
    });
  },
);

describe('odcsContractOf', () => {
  it('identifies the contract by its product and table, the same every time', () => {
    const product = sampleProduct();
    const contract = odcsContractOf(product, ordersPort);
    expect(contract.id).toBe(
      odcsContractIdOf('customer-orders', 'orders_by_day'),
    );
    expect(odcsContractOf(sampleProduct(), ordersPort).id).toBe(contract.id);
    expect(odcsContractOf(product, barePort).id).not.toBe(contract.id);
    expect(contract).toMatchObject({
      apiVersion: 'v3.1.0',
      kind: 'DataContract',
      version: product.spec.info.version,
      domain: 'sales',
      dataProduct: 'customer-orders',
    });
  });

  it.each(PRODUCT_STATUSES)('gives the status of a product %s', status => {
    expect(odcsContractOf(sampleProduct({ status }), ordersPort).status).toBe(
      status,
    );
  });

  it('gives a product that names no status the status active', () => {
    expect(odcsContractOf(sampleProduct(), ordersPort).status).toBe('active');
  });

  it('names the table in the curated dataset, with its columns in order', () => {
    const contract = odcsContractOf(sampleProduct(), ordersPort);
    const [table] = contract.schema;
    expect(contract.schema).toHaveLength(1);
    expect(table.physicalName).toBe(
      `${datasetId('customer-orders', 'curated')}.orders_by_day`,
    );
    expect(table.description).toBe(ordersPort.description);
    expect(table.properties.map(p => p.name)).toEqual(
      ordersPort.contract.columns.map(c => c.name),
    );
  });

  it('gives each column its BigQuery type as physical type and the logical type of it', () => {
    const contract = odcsContractOf(sampleProduct(), ordersPort);
    for (const column of ordersPort.contract.columns.filter(
      c => c.mode !== 'REPEATED',
    )) {
      const property = propertyNamed(contract, column.name);
      expect(property.physicalType).toBe(column.type);
      expect(property.logicalType).toBe(ODCS_LOGICAL_TYPE_OF[column.type]);
      expect(property.required).toBe(column.mode === 'REQUIRED');
    }
  });

  it('writes a REPEATED column as an array of its type', () => {
    const property = propertyNamed(
      odcsContractOf(sampleProduct(), ordersPort),
      'order_ids',
    );
    expect(property).toMatchObject({
      logicalType: 'array',
      physicalType: 'ARRAY<STRING>',
      items: { logicalType: 'string', physicalType: 'STRING' },
    });
    expect(property.required).toBeUndefined();
  });

  it('numbers the key columns in the order of the key', () => {
    const contract = odcsContractOf(sampleProduct(), {
      ...ordersPort,
      contract: {
        ...ordersPort.contract,
        primaryKey: ['customer_email', 'order_day'],
      },
    });
    expect(propertyNamed(contract, 'customer_email')).toMatchObject({
      primaryKey: true,
      primaryKeyPosition: 1,
    });
    expect(propertyNamed(contract, 'order_day')).toMatchObject({
      primaryKey: true,
      primaryKeyPosition: 2,
    });
    expect(propertyNamed(contract, 'total').primaryKey).toBeUndefined();
  });

  it('marks the columns of personal data, and only those', () => {
    const contract = odcsContractOf(sampleProduct(), ordersPort);
    expect(propertyNamed(contract, 'customer_email')).toMatchObject({
      tags: ['pii'],
      customProperties: [{ property: 'pii', value: true }],
    });
    expect(propertyNamed(contract, 'total').tags).toBeUndefined();
  });

  it("writes the quality rules as checks of ODCS's library, on the column or the table", () => {
    const contract = odcsContractOf(sampleProduct(), ordersPort);
    expect(propertyNamed(contract, 'total').quality).toEqual([
      expect.objectContaining({ metric: 'nullValues', mustBe: 0 }),
    ]);
    expect(propertyNamed(contract, 'order_ids').quality).toEqual([
      expect.objectContaining({ metric: 'duplicateValues', mustBe: 0 }),
    ]);
    expect(contract.schema[0].quality).toEqual([
      expect.objectContaining({ metric: 'rowCount', mustBeGreaterThan: 100 }),
    ]);
    expect(propertyNamed(contract, 'order_day').quality).toBeUndefined();
  });

  it('writes freshness as the SLA properties frequency and latency', () => {
    expect(odcsContractOf(sampleProduct(), ordersPort).slaProperties).toEqual([
      expect.objectContaining({ property: 'frequency', value: 1, unit: 'h' }),
      expect.objectContaining({ property: 'latency', value: 30, unit: 'min' }),
    ]);
    expect(
      odcsContractOf(sampleProduct(), barePort).slaProperties,
    ).toBeUndefined();
  });

  it('names the BigQuery project and dataset once the project is known, and no server before', () => {
    expect(odcsContractOf(sampleProduct(), ordersPort).servers).toBeUndefined();
    const placed = odcsContractOf(
      sampleProduct({}, { project: 'sales-prod' }),
      ordersPort,
    );
    expect(placed.servers).toEqual([
      expect.objectContaining({
        type: 'bigquery',
        project: 'sales-prod',
        dataset: datasetId('customer-orders', 'curated'),
      }),
    ]);
  });

  it('lists the owners as the team, named by the Backstage owner when there is one', () => {
    const product = sampleProduct(
      {},
      { backstageOwner: 'group:default/sales' },
    );
    expect(odcsContractOf(product, ordersPort).team).toEqual({
      name: 'group:default/sales',
      members: [
        { username: 'ana@example.com', role: 'owner' },
        {
          username: 'sales@example.com',
          role: 'owner',
          description: 'A Google group.',
        },
      ],
    });
    expect(
      odcsContractOf(sampleProduct(), ordersPort).team?.name,
    ).toBeUndefined();
  });

  it('tells until when a deprecated product is served, and what replaces it', () => {
    const contract = odcsContractOf(
      sampleProduct({
        status: 'deprecated',
        deprecation: { date: '2027-06-30', replacedBy: 'orders-v2' },
      }),
      ordersPort,
    );
    expect(contract.description?.limitations).toContain('2027-06-30');
    expect(contract.description?.limitations).toContain('orders-v2');
    expect(contract.description?.purpose).toBe(
      'Orders per customer, for the sales team.',
    );
  });
});

describe('odcsYamlOf', () => {
  it('reads back as the contract in YAML 1.1 and 1.2, whatever the product holds', () => {
    fc.assert(
      fc.property(productWithPortsArbitrary, product => {
        const port = product.spec.outputPorts![0];
        const text = odcsYamlOf(product, port);
        const contract = JSON.parse(
          JSON.stringify(odcsContractOf(product, port)),
        );
        expect(parse(text)).toEqual(contract);
        expect(parse(text, { version: '1.1' })).toEqual(contract);
      }),
      { numRuns: 300 },
    );
  });
});
