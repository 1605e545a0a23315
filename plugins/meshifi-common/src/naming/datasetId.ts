import { MedallionLayer } from '../constants';
import { assertValidName } from './productName';

/**
 * The BigQuery dataset id of one medallion layer of a data product, for
 * example `customer_orders_raw`.
 *
 * BigQuery dataset ids hold letters, digits and underscores only, so the
 * dashes of a product name become underscores. Product names cannot hold
 * underscores, so two products never share a dataset id.
 */
export function datasetId(productName: string, layer: MedallionLayer): string {
  assertValidName(productName, 'product name');
  return `${productName.replace(/-/g, '_')}_${layer}`;
}
