import { Entity } from '@backstage/catalog-model';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';
import {
  CATALOG_API_VERSION,
  DataProductEntity,
  OutputPort,
} from '@meshifi/common';

/**
 * What an output port is searched by: its table's name and description, its
 * columns' names (an analyst looks for `customer_email`, not for the product
 * that has it) and their descriptions.
 */
function outputPortText(port: OutputPort): string[] {
  const { columns } = port.contract;
  return [
    `Table ${port.name}${port.description ? `: ${port.description}` : ''}`,
    `Columns ${columns.map(column => column.name).join(' ')}`,
    ...columns.flatMap(column =>
      column.description ? [`${column.name}: ${column.description}`] : [],
    ),
  ];
}

/**
 * The search text of an entity: Backstage's own, plus, for a data product,
 * what analysts search by: its name, domain, owners, dataset ids, and its
 * output ports' tables and columns.
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
      ...(spec.outputPorts ?? []).flatMap(outputPortText),
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
