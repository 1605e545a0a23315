import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  DataProductNameField,
  DataProductPlanField,
  validateDataProductName,
} from './fields';

/**
 * The meshifi frontend plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const meshifiPlugin = createPlugin({ id: 'meshifi' });

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
