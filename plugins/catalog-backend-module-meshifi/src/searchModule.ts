import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogCollatorExtensionPoint,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import { CATALOG_API_VERSION, DataProductEntity } from '@meshifi/common';

/**
 * The search text of an entity: Backstage's own, plus, for a data product,
 * what analysts search by: its name, domain, owners and dataset ids.
 */
export function meshifiCollatorEntityTransformer(entity: Entity) {
  const document = defaultCatalogCollatorEntityTransformer(entity);
  if (
    entity.apiVersion !== CATALOG_API_VERSION ||
    entity.kind !== 'DataProduct'
  ) {
    return document;
  }
  const { spec, metadata } = entity as unknown as DataProductEntity;
  return {
    ...document,
    type: 'data-product',
    text: [
      document.text,
      `Data product ${metadata.name}`,
      spec.domain ? `Domain ${spec.domain}` : '',
      `Owners ${spec.owners.join(' ')}`,
      `Datasets ${spec.datasets.map(d => d.datasetId).join(' ')}`,
      `Service account ${spec.serviceAccountId}`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/**
 * Makes data products findable by name, title, description, domain, owner
 * and dataset id in the catalog's search index.
 *
 * @public
 */
export const searchModuleMeshifiCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'meshifi-collator',
  register(env) {
    env.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer(meshifiCollatorEntityTransformer);
      },
    });
  },
});
