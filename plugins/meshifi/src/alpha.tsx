import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

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

/**
 * The meshifi frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'meshifi',
  extensions: [dataProductOverviewCard],
});
