import { ProductLifecycleStatus } from '@meshifi/common';

/**
 * The catalog's `spec.lifecycle` of a product in a status, and of its output
 * ports' API entities. Backstage shows the lifecycle on every entity page and
 * filters lists by it, and knows three words: `experimental`, `production`
 * and `deprecated` (its pages mark the last one). A proposed product is being
 * built and not yet for others, which is what `experimental` says; an active
 * one is served, `production`; a deprecated one is still served until its
 * last day, `deprecated`. A retired product is served no longer: Backstage
 * has no word for that, and none of its three may stand in, so it keeps
 * `retired`, which its pages show as it is.
 */
export const CATALOG_LIFECYCLE_OF_STATUS: Record<
  ProductLifecycleStatus,
  string
> = {
  proposed: 'experimental',
  active: 'production',
  deprecated: 'deprecated',
  retired: 'retired',
};
