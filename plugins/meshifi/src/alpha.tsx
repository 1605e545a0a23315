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
 * The meshifi frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'meshifi',
  extensions: [
    meshifiApi,
    dataProductOverviewCard,
    provisioningCard,
    provisioningContent,
    dataProductNameField,
    dataProductPlanField,
    gettingReadyPage,
  ],
});
