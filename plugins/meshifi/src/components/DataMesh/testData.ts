import { Entity } from '@backstage/catalog-model';
import { ProductStateSummary, ProvisioningState } from '@meshifi/common';

/** A data domain as the catalog module makes it from a DataDomain. */
export const domain = (name: string, title: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name,
    namespace: 'default',
    title,
    description: `The ${title} domain.`,
  },
  spec: { owner: `group:default/${name}`, type: 'data-domain' },
});

/** A processed DataProduct entity, with the relations the catalog adds. */
export const product = (options: {
  name: string;
  title: string;
  description?: string;
  domain?: string;
  owner: string;
}): Entity => ({
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: options.name,
    namespace: 'default',
    title: options.title,
    ...(options.description ? { description: options.description } : {}),
  },
  spec: {
    type: 'data-product',
    owner: options.owner,
    ...(options.domain ? { domain: options.domain } : {}),
  },
  relations: [
    { type: 'ownedBy', targetRef: options.owner },
    ...(options.domain
      ? [{ type: 'partOf', targetRef: `domain:default/${options.domain}` }]
      : []),
  ],
});

export const sales = domain('sales', 'Sales');
export const finance = domain('finance', 'Finance');

export const customerOrders = product({
  name: 'customer-orders',
  title: 'Customer orders',
  description: 'Every order placed in the web shop.',
  domain: 'sales',
  owner: 'group:default/sales-analytics',
});
export const revenueDaily = product({
  name: 'revenue-daily',
  title: 'Daily revenue',
  description: 'Revenue per day and country.',
  domain: 'sales',
  owner: 'group:default/sales-analytics',
});
export const ledger = product({
  name: 'ledger',
  title: 'General ledger',
  domain: 'finance',
  owner: 'group:default/finance',
});
export const scratch = product({
  name: 'scratch',
  title: 'Scratch pad',
  owner: 'user:default/ana',
});

export const stateOf = (
  name: string,
  state: ProvisioningState,
): ProductStateSummary => ({
  entityRef: `dataproduct:default/${name}`,
  state,
  reason: `${name} is ${state}.`,
});
