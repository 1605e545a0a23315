import { MESHIFI_ANNOTATIONS } from '../catalog/annotations';

/**
 * The composite resource (XR) a DataProduct entity stands for: what the
 * status API reports on and what the live-status channel is named after.
 */
export interface ProductXr {
  namespace: string;
  name: string;
}

/** The namespace meshifi's XRs live in when an entity does not name one. */
const DEFAULT_XR_NAMESPACE = 'default';

/**
 * The XR behind a DataProduct catalog entity, as its annotations name it:
 * the one place an entity is turned into the XR it stands for.
 */
export function productXrOf(entity: {
  metadata: { name: string; annotations?: Record<string, string> };
}): ProductXr {
  const annotations = entity.metadata.annotations ?? {};
  return {
    namespace:
      annotations[MESHIFI_ANNOTATIONS.xrNamespace] ?? DEFAULT_XR_NAMESPACE,
    name: annotations[MESHIFI_ANNOTATIONS.xrName] ?? entity.metadata.name,
  };
}

/**
 * The Backstage signals channel on which the backend says that a product's
 * provisioning report may have changed. Named after the XR, not the catalog
 * entity: the backend's watch cache sees XRs and never asks the catalog.
 */
export function provisioningSignalChannel(xr: ProductXr): string {
  return `meshifi:provisioning:${xr.namespace}/${xr.name}`;
}

/**
 * The channel on which the backend says that whether the files of a
 * namespace's products apply may have changed (a Flux Kustomization of the
 * domain changed). A product the cluster does not have yet is in none of the
 * backend's watches, so nothing reaches its own channel: its page listens
 * here too, to hear that a broken file holds it back, or no longer does.
 */
export function productFilesSignalChannel(namespace: string): string {
  return `meshifi:provisioning-files:${namespace}`;
}

/**
 * What a provisioning signal carries: that something changed, and when the
 * backend saw it. Nothing about the product itself: signals go to every
 * signed-in browser, and the page refetches the report through the
 * permission-checked route.
 */
export type ProvisioningSignal = {
  changed: true;
  /** ISO time the backend's watch saw the first change the signal stands for. */
  observedAt: string;
};
