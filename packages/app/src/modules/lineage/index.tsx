import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { RelationsOrLineage } from './RelationsOrLineage';

/**
 * The catalog graph's relations card, which every entity page shows, draws
 * a data product's lineage on the product's page instead of all its
 * relations: one graph there, titled Lineage, rather than two.
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
