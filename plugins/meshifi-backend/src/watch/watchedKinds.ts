import {
  apiVersionOf,
  KINDS,
  KubernetesKind,
  LABELS,
  MANAGED_KINDS as COMPOSED_KINDS,
} from '@meshifi/common';

/**
 * A kind the backend keeps in its cache, from the table of kinds, and
 * which of its objects: selectors narrow a watch on the server.
 */
export interface WatchedKind extends KubernetesKind {
  /** How the cache names it, e.g. DataProduct or Event:bigquery.... */
  id: string;
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * A kind another product brings (its CRD may not be installed): its
   * absence is no outage, and the cache is read without it.
   */
  optional?: boolean;
}

/** The managed resources a DataProduct composes: only meshifi's, by its label. */
export const MANAGED_KINDS: WatchedKind[] = COMPOSED_KINDS.map(kind => ({
  ...kind,
  id: kind.kind,
  // The provider may manage many more than meshifi's.
  labelSelector: LABELS.dataProduct,
}));

export const DATA_PRODUCT_KIND: WatchedKind = {
  ...KINDS.dataProduct,
  id: KINDS.dataProduct.kind,
};

export const DATA_DOMAIN_KIND: WatchedKind = {
  ...KINDS.dataDomain,
  id: KINDS.dataDomain.kind,
};

/**
 * The access grants of every product. Optional: a Crossplane package older
 * than the grants has no DataAccess, and products work as before.
 */
export const DATA_ACCESS_KIND: WatchedKind = {
  ...KINDS.dataAccess,
  id: KINDS.dataAccess.kind,
  optional: true,
};

/**
 * Events about meshifi's objects only, one watch per API version: events
 * can be filtered by the involved object's apiVersion on the server, so the
 * cache never holds the rest of the cluster's events.
 */
export const EVENT_KINDS: WatchedKind[] = [
  ...new Set([KINDS.dataProduct, ...COMPOSED_KINDS].map(apiVersionOf)),
].map(apiVersion => ({
  ...KINDS.event,
  id: `Event:${apiVersion}`,
  fieldSelector: `involvedObject.apiVersion=${apiVersion}`,
}));

/**
 * The Flux Kustomizations that apply each domain's product files (and the
 * products of no domain), by meshifi's label, in any namespace: their Ready
 * condition says when a file could not be applied. Optional: a cluster
 * synced otherwise, or not at all, has none, and works as before.
 */
export const KUSTOMIZATION_KIND: WatchedKind = {
  ...KINDS.fluxKustomization,
  id: KINDS.fluxKustomization.kind,
  labelSelector: LABELS.productsOf,
  optional: true,
};

/** Every kind the cache watches in a cluster. */
export const WATCHED_KINDS: WatchedKind[] = [
  DATA_PRODUCT_KIND,
  DATA_DOMAIN_KIND,
  DATA_ACCESS_KIND,
  ...MANAGED_KINDS,
  ...EVENT_KINDS,
  KUSTOMIZATION_KIND,
];
