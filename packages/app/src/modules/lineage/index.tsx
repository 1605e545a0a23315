import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { RelationsOrLineage } from './RelationsOrLineage';

/**
 * The catalog graph's relations card, which every entity page shows, is
 * followed on a data product's page by the product's lineage: the app has
 * no entity card blueprint of its own to add a second graph card with.
 */
const relationsOrLineageCard = catalogGraphPlugin
  .getExtension('entity-card:catalog-graph/relations')
  .override({
    *factory(originalFactory) {
      const original = originalFactory();
      for (const value of original) {
        yield value.id === coreExtensionData.reactElement.id
          ? coreExtensionData.reactElement(
              <RelationsOrLineage
                relations={original.get(coreExtensionData.reactElement)}
              />,
            )
          : value;
      }
    },
  });

export const lineageModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [relationsOrLineageCard],
});
