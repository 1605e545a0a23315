import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

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
 * The meshifi frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'meshifi',
  extensions: [
    dataProductOverviewCard,
    dataProductNameField,
    dataProductPlanField,
  ],
});
