import { GCP_KINDS } from '../compose/gcpKinds';
import { MESHIFI_GROUP, MESHIFI_VERSION } from '../constants';

/**
 * Where a kind's objects live, in Kubernetes' own words (a CRD's and an
 * XRD's `spec.scope`): in a namespace, or in the cluster as a whole.
 */
export type KindScope = 'Namespaced' | 'Cluster';

/** A kind meshifi reads or writes in a cluster, and how the API names it. */
export interface KubernetesKind {
  /** The API group; empty for Kubernetes' core group (Events). */
  group: string;
  version: string;
  kind: string;
  /** The resource in the API path, e.g. `datasets`. */
  plural: string;
  scope: KindScope;
}

/** The plural of each GCP kind meshifi composes: every one must have one. */
const GCP_PLURALS: Record<keyof typeof GCP_KINDS, string> = {
  dataset: 'datasets',
  datasetIamMember: 'datasetiammembers',
  table: 'tables',
  serviceAccount: 'serviceaccounts',
  serviceAccountIamMember: 'serviceaccountiammembers',
  projectIamMember: 'projectiammembers',
};

/** Crossplane v2's managed resources are namespaced, like the XR composing them. */
const managedKind = (key: keyof typeof GCP_KINDS): KubernetesKind => {
  const { apiVersion, kind } = GCP_KINDS[key];
  const [group, version] = apiVersion.split('/');
  return {
    group,
    version,
    kind,
    plural: GCP_PLURALS[key],
    scope: 'Namespaced',
  };
};

const MANAGED = {
  dataset: managedKind('dataset'),
  datasetIamMember: managedKind('datasetIamMember'),
  table: managedKind('table'),
  serviceAccount: managedKind('serviceAccount'),
  serviceAccountIamMember: managedKind('serviceAccountIamMember'),
  projectIamMember: managedKind('projectIamMember'),
};

/**
 * Every kind meshifi touches in a cluster: its composite resources, the
 * GCP managed resources a DataProduct composes, and the Events about them.
 * The one place their plurals and scopes are written.
 */
export const KINDS = {
  dataProduct: {
    group: MESHIFI_GROUP,
    version: MESHIFI_VERSION,
    kind: 'DataProduct',
    plural: 'dataproducts',
    scope: 'Namespaced',
  },
  dataDomain: {
    group: MESHIFI_GROUP,
    version: MESHIFI_VERSION,
    kind: 'DataDomain',
    plural: 'datadomains',
    scope: 'Cluster',
  },
  dataAccess: {
    group: MESHIFI_GROUP,
    version: MESHIFI_VERSION,
    kind: 'DataAccess',
    plural: 'dataaccesses',
    scope: 'Namespaced',
  },
  event: {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    scope: 'Namespaced',
  },
  /**
   * Flux's Kustomization, where Flux applies the GitOps repository: meshifi
   * reads those labelled LABELS.productsOf to tell whether a product's file
   * applies. Optional: a cluster may have no Flux.
   */
  fluxKustomization: {
    group: 'kustomize.toolkit.fluxcd.io',
    version: 'v1',
    kind: 'Kustomization',
    plural: 'kustomizations',
    scope: 'Namespaced',
  },
  ...MANAGED,
} as const satisfies Record<string, KubernetesKind>;

/** The managed resource kinds a DataProduct composes (those of GCP_KINDS). */
export const MANAGED_KINDS: readonly KubernetesKind[] = Object.values(MANAGED);

/** The `apiVersion` of a kind's objects: `group/version`, or `v1` for the core group. */
export function apiVersionOf(kind: KubernetesKind): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

/**
 * The API path of a kind's objects: in one namespace, or, without one, in
 * all namespaces (and the only path of a cluster-scoped kind).
 */
export function apiPathOf(kind: KubernetesKind, namespace?: string): string {
  const root = kind.group
    ? `/apis/${kind.group}/${kind.version}`
    : `/api/${kind.version}`;
  const where =
    namespace && kind.scope === 'Namespaced'
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  return `${root}${where}/${kind.plural}`;
}

/**
 * The group, version and plural that name a kind's resource in the API:
 * what a custom-objects client takes to read or write its objects.
 */
export function apiResourceOf(kind: KubernetesKind): {
  group: string;
  version: string;
  plural: string;
} {
  return { group: kind.group, version: kind.version, plural: kind.plural };
}

/** The kind of an object, as the table has it; undefined for a kind meshifi does not touch. */
export function kindOf(object: {
  apiVersion: string;
  kind: string;
}): KubernetesKind | undefined {
  return Object.values(KINDS).find(
    k => k.kind === object.kind && apiVersionOf(k) === object.apiVersion,
  );
}
