import { Entity } from '@backstage/catalog-model';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';
import { CATALOG_API_VERSION, DataProductEntity } from '@meshifi/common';
import { meshifiCollatorEntityTransformer } from './meshifiCollatorEntityTransformer';

function dataProduct(spec: Partial<DataProductEntity['spec']> = {}): Entity {
  const entity: DataProductEntity = {
    apiVersion: CATALOG_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name: 'customer-orders',
      title: 'Customer orders',
      description: 'Orders placed in the web shop',
    },
    spec: {
      type: 'data-product',
      lifecycle: 'production',
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      version: '0.1.0',
      owners: ['ana@example.com', 'group:sales@example.com'],
      datasets: [
        { layer: 'raw', datasetId: 'customer_orders_raw' },
        { layer: 'curated', datasetId: 'customer_orders_curated' },
      ],
      serviceAccountId: 'dp-customer-orders',
      ...spec,
    },
  };
  return entity as unknown as Entity;
}

describe('meshifiCollatorEntityTransformer', () => {
  it('adds what analysts search a data product by to Backstage’s text', () => {
    const entity = dataProduct();
    const document = meshifiCollatorEntityTransformer(entity);
    const backstage = defaultCatalogCollatorEntityTransformer(entity);
    expect(document).toEqual({
      ...backstage,
      type: 'data-product',
      text: [
        backstage.text,
        'Data product customer-orders',
        'Domain sales',
        'Owners ana@example.com group:sales@example.com',
        'Datasets customer_orders_raw customer_orders_curated',
        'Service account dp-customer-orders',
      ].join('\n'),
    });
  });

  it('leaves out the domain line of a product without a domain', () => {
    const { text } = meshifiCollatorEntityTransformer(
      dataProduct({ domain: undefined }),
    );
    expect(text).not.toContain('Domain');
    expect(text).toContain('Data product customer-orders\nOwners ');
  });

  it('adds the tables and columns of its output ports, with their descriptions', () => {
    const { text } = meshifiCollatorEntityTransformer(
      dataProduct({
        outputPorts: [
          {
            name: 'orders_by_customer',
            description: 'One row per order',
            contract: {
              columns: [
                {
                  name: 'customer_email',
                  type: 'STRING',
                  personalData: true,
                  description: 'Where the receipt was sent',
                },
                { name: 'order_id', type: 'STRING' },
              ],
            },
          },
          {
            name: 'daily_totals',
            contract: { columns: [{ name: 'total', type: 'NUMERIC' }] },
          },
        ],
      }),
    );
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Table orders_by_customer: One row per order',
        'Columns customer_email order_id',
        'customer_email: Where the receipt was sent',
        'Table daily_totals',
        'Columns total',
      ]),
    );
    // A column without a description gives no line of its own.
    expect(lines.filter(line => line.startsWith('order_id'))).toEqual([]);
  });

  it('adds nothing of ports to a product without output ports', () => {
    const { text } = meshifiCollatorEntityTransformer(dataProduct());
    expect(text).not.toMatch(/^(Table|Columns) /m);
  });

  it('keeps Backstage’s document for every other entity', () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web-shop', description: 'The web shop' },
      spec: { type: 'service', lifecycle: 'production', owner: 'sales' },
    };
    // A DataProduct of another API group is not meshifi's.
    const foreign = { ...dataProduct(), apiVersion: 'example.com/v1' };
    for (const entity of [component, foreign]) {
      expect(meshifiCollatorEntityTransformer(entity)).toEqual(
        defaultCatalogCollatorEntityTransformer(entity),
      );
    }
  });
});
