import { LABELS } from '../constants';
import { ComposedResource } from '../compose/compose';
import { KubernetesObject } from '../model/types';
import {
  conditionOf,
  conditionsOf,
  failingCondition,
  isReady,
} from './conditions';

/** The states an analyst sees, from nothing yet to all there. */
export type ProductState =
  | 'pending'
  | 'provisioning'
  | 'ready'
  | 'degraded'
  | 'failed';

/** One composed resource as the entity page shows it. */
export interface ResourceStatus {
  kind: string;
  name: string;
  role?: string;
  ready: boolean;
  synced: boolean;
  /** Why it is failing, in the provider's words. */
  problem?: string;
}

export interface ProductStatus {
  state: ProductState;
  /** One sentence a person should read. */
  reason: string;
  resources: ResourceStatus[];
  /** Expected resources the cluster does not have (yet). */
  missing: ComposedResource[];
}

function resourceStatus(object: KubernetesObject): ResourceStatus {
  const failing = failingCondition(object);
  return {
    kind: object.kind,
    name: object.metadata.name,
    role: object.metadata.labels?.[LABELS.role],
    ready: isReady(object),
    synced: conditionOf(object, 'Synced')?.status === 'True',
    problem: failing ? failing.message || failing.reason : undefined,
  };
}

const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The overall state of a data product from its XR's and its composed
 * resources' Crossplane conditions, with the reason to show.
 *
 * - pending: Crossplane has not composed anything yet;
 * - provisioning: resources are being created, none is failing;
 * - ready: the XR and every expected resource are Ready;
 * - degraded: some resources are failing while others work;
 * - failed: the product cannot be composed, or every resource is failing.
 *
 * `expected` is what `compose()` says the product needs: those the cluster
 * lacks are reported as missing and keep the product from being ready.
 */
export function deriveStatus(
  xr: KubernetesObject,
  composed: KubernetesObject[],
  expected: ComposedResource[] = [],
): ProductStatus {
  const resources = composed.map(resourceStatus);
  const present = new Set(composed.map(o => `${o.kind}/${o.metadata.name}`));
  const missing = expected.filter(
    e => !present.has(`${e.resource.kind}/${e.resource.metadata.name}`),
  );
  const failing = resources.filter(r => r.problem);
  const xrSynced = conditionOf(xr, 'Synced');

  if (xrSynced?.status === 'False') {
    return {
      state: 'failed',
      reason: `Crossplane cannot compose this product: ${
        xrSynced.message || xrSynced.reason
      }`,
      resources,
      missing,
    };
  }
  if (failing.length > 0) {
    const first = failing[0];
    const where = `${first.kind} ${first.name}`;
    const allFailing = failing.length === resources.length;
    return {
      state: allFailing ? 'failed' : 'degraded',
      reason: `${plural(failing.length, 'resource')} failing. ${where}: ${
        first.problem
      }`,
      resources,
      missing,
    };
  }
  if (conditionsOf(xr).length === 0 && resources.length === 0) {
    return {
      state: 'pending',
      reason: 'Waiting for Crossplane to pick up the product.',
      resources,
      missing,
    };
  }
  const notReady = resources.filter(r => !r.ready).length + missing.length;
  if (notReady === 0 && isReady(xr)) {
    return {
      state: 'ready',
      reason: `All ${plural(resources.length, 'resource')} are ready.`,
      resources,
      missing,
    };
  }
  const total = Math.max(resources.length + missing.length, expected.length);
  return {
    state: 'provisioning',
    reason: `Creating resources in Google Cloud: ${
      total - notReady
    } of ${total} ready.`,
    resources,
    missing,
  };
}
