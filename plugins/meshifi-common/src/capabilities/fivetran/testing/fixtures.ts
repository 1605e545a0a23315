import { ProductContext } from '../../Capability';
import { FivetranSpec } from '../fivetranSchema';
import {
  PACKAGED_FIVETRAN_SETTINGS,
  readFivetranSettings,
} from '../fivetranSettings';

/** Where the core step says the product customer-orders lives. */
export const context: ProductContext = {
  product: 'customer-orders',
  namespace: 'sales',
  domain: 'sales',
  project: 'acme-sales-data',
  location: 'EU',
  serviceAccountEmail:
    'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
  serviceAccountId:
    'projects/acme-sales-data/serviceAccounts/dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
  datasets: {
    raw: 'customer_orders_raw',
    cleaned: 'customer_orders_cleaned',
    curated: 'customer_orders_curated',
  },
  providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
  labels: {
    'meshifi.io/data-product': 'customer-orders',
    'meshifi.io/domain': 'sales',
  },
};

/**
 * A platform's raw settings: the packaged ones (its API key Secret, provider
 * config and connector types) with one group, and an SFTP connector type
 * added, so that there is one of each destination format.
 */
export const rawSettings = {
  ...PACKAGED_FIVETRAN_SETTINGS,
  groupId: 'projected_sickle',
  serviceAccountEmail:
    'g-projected-sickle@fivetran-prod.iam.gserviceaccount.com',
  connectors: {
    ...PACKAGED_FIVETRAN_SETTINGS.connectors,
    sftp: {
      title: 'SFTP',
      destination: 'schema-table-group',
      credentialKeys: ['host', 'port', 'user', 'password'],
      config: { file_type: 'csv' },
    },
  },
};

export const settings = readFivetranSettings(rawSettings);

/** A product's Fivetran fragment: two sheets and Stripe. */
export const spec: FivetranSpec = {
  connections: [
    {
      name: 'shop',
      connector: 'google_sheets',
      syncFrequency: 60,
      credentialsSecret: 'shop-sheet',
    },
    {
      name: 'payments',
      connector: 'stripe',
      syncFrequency: 360,
      credentialsSecret: 'stripe-credentials',
    },
  ],
};
