import { MESHIFI_ANNOTATIONS } from '../../catalog/annotations';
import { dataProductManifest } from '../../model/manifests';
import { DataProduct, DataProductSpec, OutputPort } from '../../model/types';

/** A port with a key, quality rules, freshness and personal data. */
export const ordersPort: OutputPort = {
  name: 'orders_by_day',
  description: 'One row per customer and day.',
  contract: {
    columns: [
      { name: 'order_day', type: 'DATE', mode: 'REQUIRED' },
      {
        name: 'customer_email',
        type: 'STRING',
        mode: 'REQUIRED',
        description: 'Who ordered.',
        personalData: true,
      },
      { name: 'total', type: 'NUMERIC', description: 'In euros.' },
      { name: 'order_ids', type: 'STRING', mode: 'REPEATED' },
      { name: 'placed_at', type: 'TIMESTAMP' },
    ],
    primaryKey: ['order_day', 'customer_email'],
    freshness: { refreshEvery: '1h', maxDelay: '30m' },
    quality: [
      { rule: 'notNull', column: 'total' },
      { rule: 'unique', column: 'order_ids' },
      { rule: 'rowCountAbove', value: 100 },
    ],
  },
};

/** A port with one column and nothing else. */
export const barePort: OutputPort = {
  name: 'ids',
  contract: { columns: [{ name: 'id', type: 'INT64' }] },
};

/** A product of the sales domain, with the given changes to its spec. */
export function sampleProduct(
  changes: Partial<DataProductSpec> = {},
  extra: { project?: string; backstageOwner?: string } = {},
): DataProduct {
  const manifest = dataProductManifest({
    info: {
      name: 'customer-orders',
      version: '1.2.0',
      title: 'Customer orders',
      description: 'Orders per customer, for the sales team.',
    },
    access: { owners: ['ana@example.com', 'group:sales@example.com'] },
    domain: 'sales',
    outputPorts: [ordersPort],
    ...changes,
  });
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      ...(extra.backstageOwner
        ? {
            annotations: { [MESHIFI_ANNOTATIONS.owner]: extra.backstageOwner },
          }
        : {}),
    },
    ...(extra.project ? { status: { project: extra.project } } : {}),
  };
}
