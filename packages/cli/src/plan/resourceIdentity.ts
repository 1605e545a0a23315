import { CROSSPLANE_ANNOTATIONS, KubernetesObject } from '@meshifi/common';

/**
 * What a managed resource is in Google Cloud, whichever file or commit it
 * was composed from: its kind, the project (or service account) it lives in,
 * and its external name (its Kubernetes name when it has none, which for
 * meshifi's IAM members says whose access to what). Two resources with the
 * same identity are one resource, changed; a different project is another
 * resource, so moving a product reads as a delete and a create.
 */
export function resourceIdentity(resource: KubernetesObject): string {
  const forProvider =
    (resource.spec as { forProvider?: Record<string, unknown> } | undefined)
      ?.forProvider ?? {};
  const place = forProvider.project ?? forProvider.serviceAccountId ?? '';
  const external =
    resource.metadata.annotations?.[CROSSPLANE_ANNOTATIONS.externalName] ??
    resource.metadata.name;
  return [resource.kind, String(place), external].join('/');
}
