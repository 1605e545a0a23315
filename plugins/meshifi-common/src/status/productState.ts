import { KubernetesObject } from '../model/types';
import { conditionOf, conditionsOf, isReady } from './conditions';
import {
  PendingResource,
  ProductState,
  ProvisionedResource,
} from './provisioningReport';

/** A product's state and the one sentence a person should read about it. */
export interface ProductVerdict {
  state: ProductState;
  reason: string;
}

const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The overall state of a data product from its XR's conditions and its
 * composed resources as describeResource describes them, with the reason to
 * show:
 *
 * - pending: Crossplane has not composed anything yet;
 * - provisioning: resources are being created, none is failing;
 * - ready: the XR and every expected resource are Ready;
 * - degraded: some resources are failing while others work;
 * - failed: the product cannot be composed, or every resource is failing.
 *
 * `missing` are the resources compose() expects that the cluster lacks: they
 * keep the product from being ready.
 */
export function productState(
  xr: KubernetesObject,
  resources: ProvisionedResource[],
  missing: PendingResource[],
): ProductVerdict {
  const xrSynced = conditionOf(xr, 'Synced');
  if (xrSynced?.status === 'False') {
    return {
      state: 'failed',
      reason: `Crossplane cannot compose this product: ${
        xrSynced.message || xrSynced.reason
      }`,
    };
  }
  const failing = resources.filter(r => r.problem);
  if (failing.length > 0) {
    const [first] = failing;
    return {
      state: failing.length === resources.length ? 'failed' : 'degraded',
      reason: `${plural(failing.length, 'resource')} failing. ${first.kind} ${
        first.name
      }: ${first.problem?.message}`,
    };
  }
  if (conditionsOf(xr).length === 0 && resources.length === 0) {
    return {
      state: 'pending',
      reason: 'Waiting for Crossplane to pick up the product.',
    };
  }
  const notReady = resources.filter(r => !r.ready).length + missing.length;
  if (notReady === 0 && isReady(xr)) {
    return {
      state: 'ready',
      reason: `All ${plural(resources.length, 'resource')} are ready.`,
    };
  }
  // Each expected resource is either there or missing, so this is all the
  // product needs, with any the cluster has that compose() no longer expects.
  const total = resources.length + missing.length;
  return {
    state: 'provisioning',
    reason: `Creating resources in Google Cloud: ${
      total - notReady
    } of ${total} ready.`,
  };
}
