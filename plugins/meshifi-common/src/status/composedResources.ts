import { LABELS } from '../constants';
import { CROSSPLANE_LABELS } from '../model/crossplane';
import { KubernetesObject } from '../model/types';
import { ProductXr } from './provisioningSignal';

/** A composed resource as an XR references it (Crossplane v2: same namespace). */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** The resources an XR says it composed (`spec.crossplane.resourceRefs`). */
export function resourceRefsOf(xr: KubernetesObject): ResourceRef[] {
  const refs = (xr.spec as { crossplane?: { resourceRefs?: unknown } })
    ?.crossplane?.resourceRefs;
  return Array.isArray(refs) ? (refs as ResourceRef[]) : [];
}

/**
 * The XR that composed a managed resource, as Crossplane's label names it
 * (meshifi's own label when Crossplane has not set its label yet).
 */
export function composingXrOf(object: KubernetesObject): ProductXr | undefined {
  const labels = object.metadata.labels ?? {};
  const name =
    labels[CROSSPLANE_LABELS.composite] ?? labels[LABELS.dataProduct];
  return name
    ? { namespace: object.metadata.namespace ?? '', name }
    : undefined;
}

/**
 * Of the given objects, those an XR composed: those its resourceRefs name,
 * and those carrying Crossplane's label for it (composed, not yet
 * referenced). Each once, in the order given.
 */
export function composedResourcesOf(
  xr: KubernetesObject,
  objects: KubernetesObject[],
): KubernetesObject[] {
  const namespace = xr.metadata.namespace ?? '';
  const referenced = new Set(
    resourceRefsOf(xr).map(
      ref =>
        `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? namespace}/${
          ref.name
        }`,
    ),
  );
  return objects.filter(object => {
    const composer = composingXrOf(object);
    return (
      (composer?.name === xr.metadata.name &&
        composer.namespace === namespace) ||
      referenced.has(
        `${object.apiVersion}/${object.kind}/${
          object.metadata.namespace ?? ''
        }/${object.metadata.name}`,
      )
    );
  });
}
