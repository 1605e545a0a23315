import {
  DataProduct,
  dataProductManifest,
  DataProductSpec,
  MESHIFI_ANNOTATIONS,
  OutputPort,
} from '@meshifi/common';

/** A table of orders with one column of personal data. */
export const ordersByCustomer: OutputPort = {
  name: 'orders_by_customer',
  description: 'One row per order, with the customer who placed it.',
  contract: {
    columns: [
      {
        name: 'order_id',
        type: 'STRING',
        mode: 'REQUIRED',
        description: 'The order number printed on the receipt.',
      },
      {
        name: 'customer_email',
        type: 'STRING',
        personalData: true,
        description: 'Where the receipt was sent.',
      },
      { name: 'amount', type: 'NUMERIC' },
    ],
    primaryKey: ['order_id'],
    freshness: { refreshEvery: '1h' },
  },
};

/** A table of totals without personal data. */
export const dailyTotals: OutputPort = {
  name: 'daily_totals',
  contract: {
    columns: [
      { name: 'day', type: 'DATE', mode: 'REQUIRED' },
      { name: 'total', type: 'NUMERIC' },
    ],
  },
};

/**
 * A product manifest with its Backstage owner, from a spec's fields; a
 * product of sales at version 1.0.0 unless told otherwise.
 */
export function productWithPorts(
  name: string,
  spec: Partial<Omit<DataProductSpec, 'info' | 'access'>> & {
    title?: string;
  } = {},
): DataProduct {
  const { title, ...rest } = spec;
  const manifest = dataProductManifest({
    info: { name, version: '1.0.0', ...(title ? { title } : {}) },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    ...rest,
  });
  manifest.metadata.annotations = {
    [MESHIFI_ANNOTATIONS.owner]: 'group:default/sales-analytics',
  };
  return manifest;
}
