import { Entity } from '@backstage/catalog-model';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';
import { CATALOG_API_VERSION, DataProductEntity } from '@meshifi/common';

/**
 * The search text of an entity: Backstage's own, plus, for a data product,
 * what analysts search by: its name, domain, owners and dataset ids.
 *
 * @public
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
