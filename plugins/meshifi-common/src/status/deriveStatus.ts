import { ComposedResource } from '../compose/compose';
import { KubernetesObject } from '../model/types';
import { describeResource } from './describeResource';
import { pendingResource } from './pendingResource';
import { productState, ProductVerdict } from './productState';
import { PendingResource, ProvisionedResource } from './provisioningReport';

/** A product's state with the resources it was derived from. */
export interface ProductStatus extends ProductVerdict {
  /** The composed resources the cluster has, in the order it gave them. */
  resources: ProvisionedResource[];
  /** Expected resources the cluster does not have (yet). */
  missing: PendingResource[];
}

const identity = (object: KubernetesObject) =>
  `${object.kind}/${object.metadata.name}`;

/**
 * A data product's status from its XR and the resources the cluster has
 * composed for it: each resource described once (describeResource), and the
 * product's state derived from those same descriptions (productState).
 *
 * `expected` is what `compose()` says the product needs: it tells each
 * resource what it is for, and those the cluster lacks are reported as
 * missing and keep the product from being ready.
 */
export function deriveStatus(
  xr: KubernetesObject,
  composed: KubernetesObject[],
  expected: ComposedResource[] = [],
): ProductStatus {
  const expectedByIdentity = new Map(
    expected.map(e => [identity(e.resource), e]),
  );
  const resources = composed.map(object =>
    describeResource(object, expectedByIdentity.get(identity(object))),
  );
  const present = new Set(composed.map(identity));
  const missing = expected
    .filter(e => !present.has(identity(e.resource)))
    .map(pendingResource);
  return { ...productState(xr, resources, missing), resources, missing };
}
