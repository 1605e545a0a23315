import fc from 'fast-check';
import { parse } from 'yaml';
import { PRODUCT_STATUSES } from '../lifecycle/productStatus';
import { DataProduct } from '../model/types';
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
import { odcsContractOf } from './odcsContract';
import { LATEST_VERSION, odpsProductOf, odpsYamlOf } from './odpsProduct';

const describeWithSchemas = officialSchemasPresent ? describe : describe.skip;

/** A product that reads the orders port of customer-orders. */
const reader = (changes = {}) =>
  sampleProduct({
    info: { name: 'sales-forecast', version: '0.3.0' },
    outputPorts: [barePort],
    inputPorts: [{ product: 'customer-orders', port: 'orders_by_day' }],
    ...changes,
  });

describeWithSchemas(
  `odpsProductOf against ODPS v1.0.0${officialSchemasNote}`,
  () => {
    const validate = officialSchemasPresent
      ? officialValidator('odps')
      : () => [];

    it.each<[string, DataProduct]>([
      ['a product with output ports', sampleProduct()],
      ['a product that reads another', reader()],
      [
        'a product without ports, title or description',
        sampleProduct({
          info: { name: 'empty', version: '0.1.0' },
          outputPorts: undefined,
          domain: undefined,
        }),
      ],
      [
        'a product with its Backstage owner',
        sampleProduct({}, { backstageOwner: 'group:default/sales' }),
      ],
      [
        'a deprecated product',
        sampleProduct({
          status: 'deprecated',
          deprecation: { date: '2027-06-30', reason: 'Nobody reads it.' },
        }),
      ],
      ...PRODUCT_STATUSES.map((status): [string, DataProduct] => [
        `a product ${status}`,
        reader({ status }),
      ]),
    ])('is valid for %s', (_what, product) => {
      expect(validate(odpsProductOf(product))).toEqual([]);
    });

    it('is valid for any product meshifi accepts', () => {
      fc.assert(
        fc.property(productWithPortsArbitrary, product => {
          expect(validate(odpsProductOf(product))).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });

    it('is checked by a validator that refuses what the standard refuses', () => {
      const { id: _id, ...withoutId } = odpsProductOf(sampleProduct());
      expect(validate(withoutId)).not.toEqual([]);
      expect(
        validate({ ...odpsProductOf(sampleProduct()), title: 'Not a field' }),
      ).not.toEqual([]);
    });
  },
);

describe('odpsProductOf', () => {
  it('names the product, its version, status and domain', () => {
    const product = sampleProduct({ status: 'proposed' });
    expect(odpsProductOf(product)).toMatchObject({
      apiVersion: 'v1.0.0',
      kind: 'DataProduct',
      id: 'customer-orders',
      name: 'customer-orders',
      version: '1.2.0',
      status: 'proposed',
      domain: 'sales',
      description: { purpose: product.spec.info.description },
    });
  });

  it("names each output port's contract by the id its ODCS document has", () => {
    const product = sampleProduct({ outputPorts: [ordersPort, barePort] });
    expect(odpsProductOf(product).outputPorts).toEqual(
      [ordersPort, barePort].map(port =>
        expect.objectContaining({
          name: port.name,
          version: '1.2.0',
          contractId: odcsContractOf(product, port).id,
        }),
      ),
    );
  });

  it('names the contract of the port an input port reads', () => {
    const [input] = odpsProductOf(reader()).inputPorts!;
    expect(input.contractId).toBe(
      odcsContractOf(sampleProduct(), ordersPort).id,
    );
  });

  it('gives an input port the version of the product it reads when known, else latest', () => {
    const versionOf = (name: string) =>
      name === 'customer-orders' ? '1.2.0' : undefined;
    expect(odpsProductOf(reader(), { versionOf }).inputPorts![0].version).toBe(
      '1.2.0',
    );
    expect(odpsProductOf(reader()).inputPorts![0].version).toBe(LATEST_VERSION);
  });

  it('leaves out the lists a product does not have', () => {
    const product = sampleProduct({ outputPorts: undefined });
    expect(odpsProductOf(product).outputPorts).toBeUndefined();
    expect(odpsProductOf(product).inputPorts).toBeUndefined();
  });

  it('tells that a retired product is no longer served', () => {
    expect(
      odpsProductOf(sampleProduct({ status: 'retired' })).description
        ?.limitations,
    ).toMatch(/no longer served/);
  });

  it('reads back as the document in YAML', () => {
    const product = reader();
    expect(parse(odpsYamlOf(product))).toEqual(
      JSON.parse(JSON.stringify(odpsProductOf(product))),
    );
  });
});
