import {
  PendingResource,
  ProvisionedResource,
  ProvisioningReport,
  resourceNames,
} from '@meshifi/common';

/** The role label of the BigQuery table composed for an output port. */
const TABLE_ROLE = 'table';

/** Where an output port's table stands in a product's provisioning report. */
export type PortTable =
  | { found: 'created'; resource: ProvisionedResource }
  | { found: 'missing'; pending: PendingResource }
  | { found: 'nowhere' };

/**
 * The report's entry for the table composed for `port` of the product whose
 * composite resource is `productXrName`: created (with its state), expected
 * but not created yet, or in neither list (the product itself is not in the
 * cluster, or the port was added since the report was made).
 */
export function portTableOf(
  report: ProvisioningReport,
  productXrName: string,
  port: string,
): PortTable {
  const name = resourceNames.table(productXrName, port);
  const resource = report.resources.find(
    r => r.role === TABLE_ROLE && r.name === name,
  );
  if (resource) {
    return { found: 'created', resource };
  }
  const pending = report.missing.find(
    r => r.role === TABLE_ROLE && r.name === name,
  );
  return pending ? { found: 'missing', pending } : { found: 'nowhere' };
}
