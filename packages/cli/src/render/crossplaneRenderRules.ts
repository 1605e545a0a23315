/**
 * What `crossplane render` (v2.2) adds around a function pipeline's
 * result, reproduced so that `meshifi render` prints the same objects:
 * composed resources' metadata, their order, and the XR's Ready condition.
 */
import { KubernetesObject } from '@meshifi/common';

/** The annotation that names a composed resource within its XR. */
export const COMPOSITION_RESOURCE_NAME =
  'crossplane.io/composition-resource-name';
/** The label that names a composed resource's (root) XR. */
export const COMPOSITE_LABEL = 'crossplane.io/composite';

/**
 * Crossplane's condition times would be noise in a render, but the field is
 * required: `crossplane render` sets this fixed time on every condition.
 */
export const RENDER_CONDITION_TIME = '2024-01-01T00:00:00Z';

/** How many unready resources a Ready condition's message names. */
const FIRST_N = 3;

/**
 * "a, b, c, and 4 more", from the names sorted: how Crossplane lists the
 * resources an XR waits for (StableNAndSomeMore).
 */
export function firstNamesAndSomeMore(names: string[]): string {
  const sorted = [...names].sort();
  if (sorted.length > FIRST_N) {
    return `${sorted.slice(0, FIRST_N).join(', ')}, and ${
      sorted.length - FIRST_N
    } more`;
  }
  if (sorted.length === FIRST_N) {
    return `${sorted.slice(0, FIRST_N - 1).join(', ')}, and ${
      sorted[FIRST_N - 1]
    }`;
  }
  return sorted.join(', ');
}

/** The XR's Ready condition once the pipeline ran: Available, or Creating with what it waits for. */
export function readyCondition(
  unready: string[],
  compositeReadiness: 'ready' | 'unready' | 'unspecified',
): Record<string, string> {
  if (compositeReadiness === 'unready') {
    return creating();
  }
  if (compositeReadiness === 'unspecified' && unready.length > 0) {
    return creating(`Unready resources: ${firstNamesAndSomeMore(unready)}`);
  }
  return {
    type: 'Ready',
    status: 'True',
    reason: 'Available',
    lastTransitionTime: RENDER_CONDITION_TIME,
  };
}

function creating(message?: string): Record<string, string> {
  return {
    type: 'Ready',
    status: 'False',
    reason: 'Creating',
    lastTransitionTime: RENDER_CONDITION_TIME,
    ...(message ? { message } : {}),
  };
}

/**
 * The metadata Crossplane gives every composed resource: a generated name
 * when the function set none, the XR's namespace when the XR has one, the
 * resource's name within the XR, the XR's name as a label, and the XR as
 * its controller.
 */
export function withComposedMetadata(
  resource: KubernetesObject,
  xr: KubernetesObject,
  name: string,
): KubernetesObject {
  const prefix = xr.metadata.labels?.[COMPOSITE_LABEL] || xr.metadata.name;
  const metadata: Record<string, unknown> = { ...resource.metadata };
  if (!metadata.name && !metadata.generateName) {
    metadata.generateName = `${prefix}-`;
  }
  if (xr.metadata.namespace) {
    metadata.namespace = xr.metadata.namespace;
  }
  metadata.annotations = {
    ...resource.metadata.annotations,
    [COMPOSITION_RESOURCE_NAME]: name,
  };
  metadata.labels = { ...resource.metadata.labels, [COMPOSITE_LABEL]: prefix };
  const owners =
    (metadata.ownerReferences as Record<string, unknown>[] | undefined) ?? [];
  metadata.ownerReferences = [
    ...owners,
    {
      apiVersion: xr.apiVersion,
      kind: xr.kind,
      name: xr.metadata.name,
      uid: xr.metadata.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  return { ...resource, metadata } as KubernetesObject;
}
