import {
  CROSSPLANE_ANNOTATIONS,
  KubernetesKind,
  MANAGED_KINDS as COMPOSED_KINDS,
} from '@meshifi/common';

/** One of the managed-resource kinds the stand-in plays the provider for. */
export type ManagedKind = KubernetesKind;

/** The six kinds meshifi composes, as the table of kinds of @meshifi/common has them. */
export const MANAGED_KINDS: readonly ManagedKind[] = COMPOSED_KINDS;

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
