import {
  ClusterState,
  ComposedResource,
  conditionsOf,
  deriveStatus,
  KubernetesObject,
  ProvisionedResource,
  ProvisioningReport,
} from '@meshifi/common';
import { KubernetesEvent } from '../watch/KubernetesEvent';
import { recentEvents } from './recentEvents';

/** The card lists resources by the Composition's name for them, else by name. */
const byKey = (a: ProvisionedResource, b: ProvisionedResource) =>
  (a.key ?? a.name).localeCompare(b.key ?? b.name);

/**
 * The report for a product a cluster has: its status as `deriveStatus`
 * computes it (each resource described once, the state derived from those
 * descriptions, the resources compose() expects that are not there), the XR
 * itself, the cluster it comes from and the recent events.
 */
export function buildProvisioningReport(input: {
  xr: KubernetesObject;
  composed: KubernetesObject[];
  expected: ComposedResource[];
  events: KubernetesEvent[];
  cluster: ClusterState;
  observedAt: Date;
}): ProvisioningReport {
  const { xr } = input;
  const status = deriveStatus(xr, input.composed, input.expected);
  return {
    state: status.state,
    reason: status.reason,
    observedAt: input.observedAt.toISOString(),
    clusters: [input.cluster],
    xr: {
      apiVersion: xr.apiVersion,
      kind: xr.kind,
      namespace: xr.metadata.namespace,
      name: xr.metadata.name,
      conditions: conditionsOf(xr),
      createdAt: xr.metadata.creationTimestamp,
    },
    resources: [...status.resources].sort(byKey),
    missing: status.missing,
    events: recentEvents(input.events),
  };
}
