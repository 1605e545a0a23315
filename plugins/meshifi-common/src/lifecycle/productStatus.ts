/**
 * A product's place in its life, as the Open Data Product Standard names it:
 * proposed (being built, not yet for others), active, deprecated (still
 * served, with a last day and a replacement or reason), retired (no longer
 * served). They follow each other in this order.
 */
export const PRODUCT_STATUSES = [
  'proposed',
  'active',
  'deprecated',
  'retired',
] as const;

/** One of {@link PRODUCT_STATUSES}. */
export type ProductLifecycleStatus = (typeof PRODUCT_STATUSES)[number];

/** The status of a product whose manifest names none: it predates lifecycles. */
export const DEFAULT_PRODUCT_STATUS: ProductLifecycleStatus = 'active';

/** A product's status, `active` when its manifest names none. */
export function productStatusOf(product: {
  spec: { status?: ProductLifecycleStatus };
}): ProductLifecycleStatus {
  return product.spec.status ?? DEFAULT_PRODUCT_STATUS;
}
