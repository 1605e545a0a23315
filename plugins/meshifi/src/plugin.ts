import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  DataProductNameField,
  DataProductPlanField,
  validateDataProductName,
} from './fields';
import { meshifiApiRef, MeshifiClient } from './api';

/**
 * The meshifi frontend plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const meshifiPlugin = createPlugin({
  id: 'meshifi',
  apis: [
    createApiFactory({
      api: meshifiApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshifiClient(deps),
    }),
  ],
});

/**
 * The overview card of a DataProduct entity page.
 *
 * @public
 */
export const EntityDataProductOverviewCard = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductOverviewCard',
    component: {
      lazy: () =>
        import('./components/DataProductOverviewCard').then(
          m => m.DataProductOverviewCard,
        ),
    },
  }),
);

/**
 * The provisioning card of a DataProduct entity page: state, reason,
 * datasets, service account, access, pending resources and events.
 *
 * @public
 */
export const EntityProvisioningCard = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityProvisioningCard',
    component: {
      lazy: () =>
        import('./components/ProvisioningCard').then(m => m.ProvisioningCard),
    },
  }),
);

/**
 * For a DataProduct entity page, beside the provisioning card: a card for
 * each capability the product turns on (dbt models, Fivetran connections),
 * with its live status. Renders nothing for a product without capabilities.
 *
 * @public
 */
export const EntityCapabilitiesCards = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityCapabilitiesCards',
    component: {
      lazy: () =>
        import('./components/CapabilitiesCards').then(m => m.CapabilitiesCards),
    },
  }),
);

/**
 * The Access card of a DataProduct entity page: who has access, the
 * requests its owners approve or decline, and "Request access", which opens
 * the request-data-access template at `/create/templates/default/request-data-access`.
 *
 * @public
 */
export const EntityAccessCard = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityAccessCard',
    component: {
      lazy: () => import('./components/AccessCard').then(m => m.AccessCard),
    },
  }),
);

/**
 * The data products a user or group may read, for User and Group entity pages.
 *
 * @public
 */
export const EntityConsumerAccessCard = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityConsumerAccessCard',
    component: {
      lazy: () =>
        import('./components/ConsumerAccessCard').then(
          m => m.ConsumerAccessCard,
        ),
    },
  }),
);

/**
 * The Provisioning tab of a DataProduct entity page (card and graph).
 *
 * @public
 */
export const EntityProvisioningContent = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityProvisioningContent',
    component: {
      lazy: () =>
        import('./components/ProvisioningContent').then(
          m => m.ProvisioningContent,
        ),
    },
  }),
);

/**
 * The Contract tab of a DataProduct entity page: each table the product
 * offers with its contract (columns, freshness, checks) and its state in
 * BigQuery, the tables it reads and whether it may, the ODCS and ODPS files,
 * and the warnings of its life.
 *
 * @public
 */
export const EntityDataContractContent = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityDataContractContent',
    component: {
      lazy: () =>
        import('./components/DataContractContent').then(
          m => m.DataContractContent,
        ),
    },
  }),
);

/**
 * For the top of a DataProduct entity page: a banner when the product is
 * deprecated, retired or proposed, and a warning when a product it reads is
 * deprecated or retired. Renders nothing otherwise.
 *
 * @public
 */
export const EntityLifecycleWarnings = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityLifecycleWarnings',
    component: {
      lazy: () =>
        import('./components/LifecycleWarnings').then(m => m.LifecycleWarnings),
    },
  }),
);

/**
 * The data products of a data domain with their states, for the page of a
 * Domain entity of type data-domain.
 *
 * @public
 */
export const EntityDomainProductsCard = meshifiPlugin.provide(
  createComponentExtension({
    name: 'EntityDomainProductsCard',
    component: {
      lazy: () =>
        import('./components/DomainProductsCard').then(
          m => m.DomainProductsCard,
        ),
    },
  }),
);

/**
 * The meshifi home page (the data products by domain, with their states):
 * mount it at `/` in a legacy app's routes and pass `createLink`, where
 * "Create a data product" leads (e.g. `/create/templates/default/data-product`).
 *
 * @public
 */
export const MeshifiHomePage = meshifiPlugin.provide(
  createComponentExtension({
    name: 'MeshifiHomePage',
    component: {
      lazy: () => import('./components/HomePage').then(m => m.HomePageView),
    },
  }),
);

/**
 * `ui:field: DataProductName` for legacy apps' `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const DataProductNameFieldExtension = meshifiPlugin.provide(
  createScaffolderFieldExtension({
    name: 'DataProductName',
    component: DataProductNameField,
    validation: validateDataProductName,
  }),
);

/**
 * `ui:field: DataProductPlan` for legacy apps' `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const DataProductPlanFieldExtension = meshifiPlugin.provide(
  createScaffolderFieldExtension({
    name: 'DataProductPlan',
    component: DataProductPlanField,
  }),
);

/**
 * "Getting ready" until a product just created is in the catalog, then its
 * page: mount it at `/meshifi/getting-ready` in a legacy app's routes, where
 * the data-product template's "Open the data product" link leads.
 *
 * @public
 */
export const MeshifiGettingReadyPage = meshifiPlugin.provide(
  createComponentExtension({
    name: 'MeshifiGettingReadyPage',
    component: {
      lazy: () =>
        import('./components/GettingReadyPage').then(m => m.GettingReadyPage),
    },
  }),
);
