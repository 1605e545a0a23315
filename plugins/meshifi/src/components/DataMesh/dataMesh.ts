import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The products of one domain, as a group on the home page. */
export interface DomainGroup {
  /** The Domain entity's ref; absent for products without a domain. */
  domainRef?: string;
  /** The Domain entity, when the catalog has it. */
  domain?: Entity;
  title: string;
  products: Entity[];
}

/** The title of the group of products that name no domain. */
export const NO_DOMAIN_TITLE = 'No domain';

export const entityRefOf = (entity: Entity) =>
  stringifyEntityRef(getCompoundEntityRef(entity));

const titleOf = (entity: Entity) =>
  entity.metadata.title ?? entity.metadata.name;

/**
 * The ref of the domain a product is part of: the catalog's partOf relation,
 * or, before the catalog has processed it, the domain its spec names.
 */
export function domainRefOf(product: Entity): string | undefined {
  const relation = product.relations?.find(
    r =>
      r.type === RELATION_PART_OF &&
      parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === 'domain',
  );
  if (relation) {
    return relation.targetRef;
  }
  const domain = (product.spec as { domain?: unknown } | undefined)?.domain;
  if (typeof domain !== 'string' || !domain) {
    return undefined;
  }
  return stringifyEntityRef(
    parseEntityRef(domain, {
      defaultKind: 'domain',
      defaultNamespace: product.metadata.namespace ?? 'default',
    }),
  );
}

/**
 * Who owns a product: its ownedBy relations (the Backstage owner and the
 * users whose email is among its IAM owners), or its spec.owner before the
 * catalog has processed it.
 */
export function ownerRefsOf(product: Entity): string[] {
  const related = (product.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length > 0) {
    return [...new Set(related)];
  }
  const owner = (product.spec as { owner?: unknown } | undefined)?.owner;
  return typeof owner === 'string' && owner
    ? [
        stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        ),
      ]
    : [];
}

/** Whether the signed-in user, or one of their groups, owns the product. */
export function isOwnedBy(
  product: Entity,
  ownershipEntityRefs: string[],
): boolean {
  const mine = new Set(
    ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
  );
  return ownerRefsOf(product).some(ref =>
    mine.has(ref.toLocaleLowerCase('en-US')),
  );
}

/** Whether the product's name, title or description contains the text. */
export function matchesSearch(product: Entity, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) {
    return true;
  }
  return [
    product.metadata.name,
    product.metadata.title,
    product.metadata.description,
  ].some(field => field?.toLocaleLowerCase().includes(needle));
}

/**
 * Products grouped by the domain they are part of, domains by title and
 * products by title; products without a domain come last. Only domains
 * with products are listed.
 */
export function groupByDomain(
  products: Entity[],
  domains: Entity[],
): DomainGroup[] {
  const domainsByRef = new Map(domains.map(d => [entityRefOf(d), d]));
  const groups = new Map<string, DomainGroup>();
  const withoutDomain: Entity[] = [];
  for (const product of products) {
    const domainRef = domainRefOf(product);
    if (!domainRef) {
      withoutDomain.push(product);
      continue;
    }
    let group = groups.get(domainRef);
    if (!group) {
      const domain = domainsByRef.get(domainRef);
      group = {
        domainRef,
        domain,
        title: domain ? titleOf(domain) : parseEntityRef(domainRef).name,
        products: [],
      };
      groups.set(domainRef, group);
    }
    group.products.push(product);
  }
  const byTitle = (a: { title: string }, b: { title: string }) =>
    a.title.localeCompare(b.title);
  const sortProducts = (list: Entity[]) =>
    [...list].sort((a, b) => titleOf(a).localeCompare(titleOf(b)));
  const sorted = [...groups.values()]
    .sort(byTitle)
    .map(g => ({ ...g, products: sortProducts(g.products) }));
  return withoutDomain.length > 0
    ? [
        ...sorted,
        { title: NO_DOMAIN_TITLE, products: sortProducts(withoutDomain) },
      ]
    : sorted;
}
