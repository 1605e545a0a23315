import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { meshifiApiRef, MeshifiClient } from './api';
import { createFromTemplateRouteRef, homeRouteRef } from './routes';
import { MeshifiIcon } from './components/MeshifiIcon';
import { mayHaveLifecycleWarnings } from './components/LifecycleWarnings/productLifecycle';
import { mayHaveCapabilities } from './components/CapabilitiesCards/chosenCapabilities';

const meshifiApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshifiApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshifiClient(deps),
    }),
});

const dataProductOverviewCard = EntityCardBlueprint.make({
  name: 'data-product-overview',
  params: {
    filter: 'kind:dataproduct',
    loader: () =>
      import('./components/DataProductOverviewCard').then(m => (
        <m.DataProductOverviewCard />
      )),
  },
});

/** On the overview: the provisioning state with its reason, at a glance. */
const provisioningCard = EntityCardBlueprint.make({
  name: 'provisioning',
  params: {
    filter: 'kind:dataproduct',
    loader: () =>
      import('./components/ProvisioningCard').then(m => <m.ProvisioningCard />),
  },
});

/**
 * On the overview, after the provisioning card: a card for each capability
 * the product turns on (dbt models, Fivetran connections), with its live
 * status. Products without capabilities get no card at all.
 */
const capabilitiesCard = EntityCardBlueprint.make({
  name: 'capabilities',
  params: {
    filter: mayHaveCapabilities,
    loader: () =>
      import('./components/CapabilitiesCards').then(m => (
        <m.CapabilitiesCards />
      )),
  },
});

/**
 * On a data product's page: who has access, the requests the owners decide
 * on, and "Request access".
 */
const accessCard = EntityCardBlueprint.make({
  name: 'access',
  params: {
    filter: { kind: 'DataProduct' },
    loader: () => import('./components/AccessCard').then(m => <m.AccessCard />),
  },
});

/** On a user's or a group's page: the data products they may read. */
const consumerAccessCard = EntityCardBlueprint.make({
  name: 'consumer-access',
  params: {
    filter: { kind: { $in: ['User', 'Group'] } },
    loader: () =>
      import('./components/ConsumerAccessCard').then(m => (
        <m.ConsumerAccessCard />
      )),
  },
});

/** The Provisioning tab: everything Crossplane made, and a graph of it. */
const provisioningContent = EntityContentBlueprint.make({
  name: 'provisioning',
  params: {
    path: '/provisioning',
    title: 'Provisioning',
    filter: 'kind:dataproduct',
    loader: () =>
      import('./components/ProvisioningContent').then(m => (
        <m.ProvisioningContent />
      )),
  },
});

/**
 * The Contract tab: each table the product offers with its contract and its
 * state in BigQuery, what it reads, and the ODCS and ODPS files.
 */
const dataContractContent = EntityContentBlueprint.make({
  name: 'contract',
  params: {
    path: '/contract',
    title: 'Contract',
    filter: 'kind:dataproduct',
    loader: () =>
      import('./components/DataContractContent').then(m => (
        <m.DataContractContent />
      )),
  },
});

/**
 * On the overview of a product that is not simply active, or that reads a
 * deprecated or retired product: what that means and what to do. Products
 * with nothing to say get no card at all.
 */
const lifecycleWarningsCard = EntityCardBlueprint.make({
  name: 'lifecycle-warnings',
  params: {
    type: 'content',
    filter: mayHaveLifecycleWarnings,
    loader: () =>
      import('./components/LifecycleWarnings').then(m => (
        <m.LifecycleWarnings />
      )),
  },
});

/** `ui:field: DataProductName`: the product name, checked as it is typed. */
const dataProductNameField = FormFieldBlueprint.make({
  name: 'data-product-name',
  params: {
    field: () =>
      import('./fields').then(m =>
        createFormField({
          name: 'DataProductName',
          component: m.DataProductNameField,
          validation: m.validateDataProductName,
        }),
      ),
  },
});

/** `ui:field: DataProductPlan`: what will be created in Google Cloud. */
const dataProductPlanField = FormFieldBlueprint.make({
  name: 'data-product-plan',
  params: {
    field: () =>
      import('./fields').then(m =>
        createFormField({
          name: 'DataProductPlan',
          component: m.DataProductPlanField,
        }),
      ),
  },
});

/**
 * `/meshifi/getting-ready?entity=<ref>`: where the data-product template's
 * "Open the data product" leads; "Getting ready" until the product is in the
 * catalog, then its page.
 */
const gettingReadyPage = PageBlueprint.make({
  name: 'getting-ready',
  params: {
    path: '/meshifi/getting-ready',
    noHeader: true,
    loader: () =>
      import('./components/GettingReadyPage').then(m => <m.GettingReadyPage />),
  },
});

/**
 * The meshifi home page at `/`, the landing page after sign-in: the data
 * products by domain, with their states. The app moves the catalog's own
 * page off `/` (app-config.yaml) for it.
 */
const homePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    title: 'Data products',
    icon: <MeshifiIcon />,
    routeRef: homeRouteRef,
    noHeader: true,
    loader: () => import('./components/HomePage').then(m => <m.HomePage />),
  },
});

/** On a data domain's page: its data products and their states. */
const domainProductsCard = EntityCardBlueprint.make({
  name: 'domain-products',
  params: {
    type: 'content',
    filter: entity =>
      entity.kind.toLocaleLowerCase('en-US') === 'domain' &&
      entity.spec?.type === 'data-domain',
    loader: () =>
      import('./components/DomainProductsCard').then(m => (
        <m.DomainProductsCard />
      )),
  },
});

/**
 * The meshifi frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'meshifi',
  routes: { home: homeRouteRef },
  externalRoutes: { createFromTemplate: createFromTemplateRouteRef },
  extensions: [
    meshifiApi,
    lifecycleWarningsCard,
    dataProductOverviewCard,
    provisioningCard,
    capabilitiesCard,
    accessCard,
    provisioningContent,
    dataContractContent,
    dataProductNameField,
    dataProductPlanField,
    gettingReadyPage,
    homePage,
    domainProductsCard,
    consumerAccessCard,
  ],
});
