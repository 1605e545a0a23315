import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import {
  RELATION_CONSUMES_DATA,
  RELATION_DATA_CONSUMED_BY,
} from '@meshifi/common';

/**
 * What Backstage's catalog graph card draws as a data product's lineage:
 * the products it reads and that read it (dependsOn), the tables it offers
 * and reads as API entities (providesApi, consumesApi), and who may read it
 * (meshifi's consumesData). Two steps away: the products next to it and
 * theirs, without the whole mesh. Give it to `EntityCatalogGraphCard`.
 *
 * @public
 */
export const dataProductLineageGraph = {
  title: 'Lineage',
  relations: [
    RELATION_DEPENDS_ON,
    RELATION_DEPENDENCY_OF,
    RELATION_PROVIDES_API,
    RELATION_API_PROVIDED_BY,
    RELATION_CONSUMES_API,
    RELATION_API_CONSUMED_BY,
    RELATION_CONSUMES_DATA,
    RELATION_DATA_CONSUMED_BY,
  ],
  relationPairs: [
    [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
    [RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
    [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
    [RELATION_CONSUMES_DATA, RELATION_DATA_CONSUMED_BY],
  ] as [string, string][],
  maxDepth: 2,
  // A product also dependsOn its own datasets and service account (the
  // catalog's resources): lineage is between products, their tables and
  // who reads them, so only those kinds are drawn.
  kinds: ['dataproduct', 'api', 'group', 'user'],
};
