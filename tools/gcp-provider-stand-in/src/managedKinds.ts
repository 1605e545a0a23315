import { CROSSPLANE_ANNOTATIONS, GCP_KINDS } from '@meshifi/common';

/** One of the managed-resource kinds the stand-in plays the provider for. */
export interface ManagedKind {
  apiVersion: string;
  kind: string;
  group: string;
  version: string;
  /** The resource name in the API path, e.g. `datasets`. */
  plural: string;
}

function managedKind(
  type: { apiVersion: string; kind: string },
  plural: string,
): ManagedKind {
  const [group, version] = type.apiVersion.split('/');
  return { ...type, group, version, plural };
}

/** The five kinds meshifi composes (GCP_KINDS of @meshifi/common). */
export const MANAGED_KINDS: readonly ManagedKind[] = [
  managedKind(GCP_KINDS.dataset, 'datasets'),
  managedKind(GCP_KINDS.datasetIamMember, 'datasetiammembers'),
  managedKind(GCP_KINDS.serviceAccount, 'serviceaccounts'),
  managedKind(GCP_KINDS.serviceAccountIamMember, 'serviceaccountiammembers'),
  managedKind(GCP_KINDS.projectIamMember, 'projectiammembers'),
];

/** A managed resource as the API server returns it; any field may be missing. */
export interface ManagedResource {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    generation?: number;
    annotations?: Record<string, string>;
  };
  spec?: { forProvider?: Record<string, unknown> };
  status?: {
    atProvider?: Record<string, unknown>;
    conditions?: unknown[];
    observedGeneration?: number;
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** spec.forProvider, or an empty object when the resource has none. */
export function forProviderOf(resource: ManagedResource) {
  const forProvider = resource.spec?.forProvider;
  return isRecord(forProvider) ? forProvider : {};
}

/** status.atProvider, or an empty object. */
export function atProviderOf(resource: ManagedResource) {
  const atProvider = resource.status?.atProvider;
  return isRecord(atProvider) ? atProvider : {};
}

/** The external-name annotation, or undefined when it is missing or empty. */
export function externalNameOf(resource: ManagedResource): string | undefined {
  return (
    resource.metadata?.annotations?.[CROSSPLANE_ANNOTATIONS.externalName] ||
    undefined
  );
}

/** `namespace/name`, for logs and as a key. */
export function describeResource(
  kind: ManagedKind,
  resource: ManagedResource,
): string {
  return `${kind.kind} ${resource.metadata?.namespace}/${resource.metadata?.name}`;
}
