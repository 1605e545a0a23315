import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

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
