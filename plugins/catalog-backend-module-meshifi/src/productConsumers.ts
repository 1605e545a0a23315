import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  accessEndsAt,
  CATALOG_API_VERSION,
  DataAccess,
  MESHIFI_ANNOTATIONS,
  NO_DOMAIN_NAMESPACE,
} from '@meshifi/common';

/**
 * The kind a consumer's entity ref has when it names none, by the
 * consumer's type: a service account that consumes is a data product's.
 */
const DEFAULT_KIND = {
  user: 'User',
  group: 'Group',
  serviceAccount: 'DataProduct',
} as const;

/**
 * The catalog entity a grant's consumer was chosen as, as a full entity ref
 * (`group:default/marketing`), or undefined when the grant names none (a
 * plain email) or names it so that it is no entity ref.
 */
export function consumerRefOf(grant: DataAccess): string | undefined {
  const { type, entityRef } = grant.spec.consumer;
  if (!entityRef) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(entityRef, {
        defaultKind: DEFAULT_KIND[type],
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The key of a product by its composite resource: a grant names its product in its own namespace. */
const productKey = (namespace: string | undefined, name: string) =>
  `${namespace ?? NO_DOMAIN_NAMESPACE}/${name}`;

/** The consumers of a set of grants, by product, and when the first of them ends. */
export interface ProductConsumers {
  /** Sorted consumer refs, by productKey of the product. */
  byProduct: Map<string, string[]>;
  /** When the first grant counted here ends, after which the consumers change. */
  nextEnd?: Date;
}

/**
 * Who may read each product at `now`: the consumer refs of the grants whose
 * last day has not ended. Grants without a catalog consumer are left out.
 */
export function productConsumers(
  grants: Iterable<DataAccess>,
  now: Date,
): ProductConsumers {
  const refs = new Map<string, Set<string>>();
  let nextEnd: Date | undefined;
  for (const grant of grants) {
    const consumer = consumerRefOf(grant);
    const endsAt = accessEndsAt(grant.spec.expires);
    if (!consumer || endsAt.getTime() <= now.getTime()) {
      continue;
    }
    if (!nextEnd || endsAt < nextEnd) {
      nextEnd = endsAt;
    }
    const key = productKey(grant.metadata.namespace, grant.spec.product);
    refs.set(key, (refs.get(key) ?? new Set()).add(consumer));
  }
  const byProduct = new Map(
    [...refs].map(([key, consumers]) => [key, [...consumers].sort()]),
  );
  return { byProduct, ...(nextEnd ? { nextEnd } : {}) };
}

/**
 * A DataProduct entity with its consumers in spec.consumers; any other
 * entity (its Resources, a domain, a file's problem) as it is.
 */
export function withConsumers(
  entity: Entity,
  consumers: ProductConsumers,
): Entity {
  const annotations = entity.metadata.annotations ?? {};
  const xrName = annotations[MESHIFI_ANNOTATIONS.xrName];
  if (
    entity.apiVersion !== CATALOG_API_VERSION ||
    entity.kind !== 'DataProduct' ||
    annotations[MESHIFI_ANNOTATIONS.invalid] ||
    !xrName
  ) {
    return entity;
  }
  const refs = consumers.byProduct.get(
    productKey(annotations[MESHIFI_ANNOTATIONS.xrNamespace], xrName),
  );
  return refs
    ? { ...entity, spec: { ...entity.spec, consumers: refs } }
    : entity;
}
