export {
  domainRefOf,
  entityRefOf,
  groupByDomain,
  isOwnedBy,
  matchesSearch,
  NO_DOMAIN_TITLE,
  ownerRefsOf,
} from './dataMesh';
export type { DomainGroup } from './dataMesh';
export { DomainGroupCard, ProductsTable } from './DomainProductsTable';
export { ProductStateBadge } from './ProductStateBadge';
export {
  PRODUCT_STATES_REFRESH_MS,
  useProductStates,
} from './useProductStates';
export type { ProductStates } from './useProductStates';
