import {
  CompoundEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DataProductEntity, outputPortEntityName } from '@meshifi/common';

/** A relation from a product to another entity, and its reverse. */
export interface ProductRelation {
  type: string;
  reverse: string;
  target: CompoundEntityRef;
}

/**
 * Product names are unique across the mesh, so every product and output
 * port entity is in the default namespace, whatever its domain.
 */
const apiOf = (product: string, port: string): CompoundEntityRef => ({
  kind: 'API',
  namespace: 'default',
  name: outputPortEntityName(product, port),
});
const productOf = (name: string): CompoundEntityRef => ({
  kind: 'DataProduct',
  namespace: 'default',
  name,
});

/**
 * The relations a product's ports give it, in Backstage's own words so that
 * its API pages and catalog graph show them: it provides the API entity of
 * each output port (providesApi, apiProvidedBy the other way); it consumes
 * the API entity of each table it reads (consumesApi, apiConsumedBy), and
 * depends on each product it reads from (dependsOn, dependencyOf), once
 * however many of its tables it reads: that is the lineage between
 * products, across domains.
 */
export function portRelations(entity: DataProductEntity): ProductRelation[] {
  const name = entity.metadata.name;
  const provided = (entity.spec.outputPorts ?? []).map(port => ({
    type: RELATION_PROVIDES_API,
    reverse: RELATION_API_PROVIDED_BY,
    target: apiOf(name, port.name),
  }));
  const inputs = entity.spec.inputPorts ?? [];
  const consumed = inputs.map(input => ({
    type: RELATION_CONSUMES_API,
    reverse: RELATION_API_CONSUMED_BY,
    target: apiOf(input.product, input.port),
  }));
  const upstream = inputs.map(input => ({
    type: RELATION_DEPENDS_ON,
    reverse: RELATION_DEPENDENCY_OF,
    target: productOf(input.product),
  }));
  return onceEach([...provided, ...consumed, ...upstream]);
}

/** Each relation once: a product may read several tables of one product. */
function onceEach(relations: ProductRelation[]): ProductRelation[] {
  const byKey = new Map(
    relations.map(relation => [
      `${relation.type} ${stringifyEntityRef(relation.target)}`,
      relation,
    ]),
  );
  return [...byKey.values()];
}
