import {
  GCP_KINDS,
  LABELS,
  MESHIFI_GROUP,
  MESHIFI_VERSION,
} from '@meshifi/common';

/** A kind meshifi keeps in its cache, and how to list and watch it. */
export interface WatchedKind {
  /** How the cache names it, e.g. DataProduct or Event:bigquery. */
  id: string;
  group: string;
  version: string;
  plural: string;
  kind: string;
  labelSelector?: string;
  fieldSelector?: string;
}

const managed = (
  kind: { apiVersion: string; kind: string },
  plural: string,
): WatchedKind => {
  const [group, version] = kind.apiVersion.split('/');
  // Only meshifi's own resources: the provider may manage many more.
  return {
    id: kind.kind,
    group,
    version,
    plural,
    kind: kind.kind,
    labelSelector: LABELS.dataProduct,
  };
};

/** The managed resource kinds a DataProduct composes. */
export const MANAGED_KINDS: WatchedKind[] = [
  managed(GCP_KINDS.dataset, 'datasets'),
  managed(GCP_KINDS.datasetIamMember, 'datasetiammembers'),
  managed(GCP_KINDS.serviceAccount, 'serviceaccounts'),
  managed(GCP_KINDS.serviceAccountIamMember, 'serviceaccountiammembers'),
  managed(GCP_KINDS.projectIamMember, 'projectiammembers'),
];

export const DATA_PRODUCT_KIND: WatchedKind = {
  id: 'DataProduct',
  group: MESHIFI_GROUP,
  version: MESHIFI_VERSION,
  plural: 'dataproducts',
  kind: 'DataProduct',
};

export const DATA_DOMAIN_KIND: WatchedKind = {
  id: 'DataDomain',
  group: MESHIFI_GROUP,
  version: MESHIFI_VERSION,
  plural: 'datadomains',
  kind: 'DataDomain',
};

/**
 * Events about meshifi's objects only, one watch per API version: events
 * can be filtered by the involved object's apiVersion on the server, so the
 * cache never holds the rest of the cluster's events.
 */
export const EVENT_KINDS: WatchedKind[] = [
  `${MESHIFI_GROUP}/${MESHIFI_VERSION}`,
  ...new Set(Object.values(GCP_KINDS).map(k => k.apiVersion)),
].map(apiVersion => ({
  id: `Event:${apiVersion}`,
  group: '',
  version: 'v1',
  plural: 'events',
  kind: 'Event',
  fieldSelector: `involvedObject.apiVersion=${apiVersion}`,
}));

/** Every kind the cache watches in a cluster. */
export const WATCHED_KINDS: WatchedKind[] = [
  DATA_PRODUCT_KIND,
  DATA_DOMAIN_KIND,
  ...MANAGED_KINDS,
  ...EVENT_KINDS,
];

/** The API path of a kind across all namespaces. */
export function apiPath(kind: WatchedKind): string {
  return kind.group
    ? `/apis/${kind.group}/${kind.version}/${kind.plural}`
    : `/api/${kind.version}/${kind.plural}`;
}
