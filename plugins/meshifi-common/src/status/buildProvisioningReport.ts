import { ComposedResource } from '../compose/compose';
import { KubernetesEvent } from '../model/kubernetesEvent';
import { KubernetesObject } from '../model/types';
import { conditionsOf } from './conditions';
import { deriveStatus } from './deriveStatus';
import { GitopsApply } from './gitopsApply';
import {
  ClusterState,
  ProvisionedResource,
  ProvisioningReport,
} from './provisioningReport';
import { recentEvents } from './recentEvents';

/** The card lists resources by the Composition's name for them, else by name. */
const byKey = (a: ProvisionedResource, b: ProvisionedResource) =>
  (a.key ?? a.name).localeCompare(b.key ?? b.name);

/** What a product's report is made of, as a cluster has it. */
export interface ProvisioningReportInput {
  xr: KubernetesObject;
  /** The resources the XR composed (see composedResourcesOf). */
  composed: KubernetesObject[];
  /** What compose() says the product needs; none when it cannot compose. */
  expected: ComposedResource[];
  /** The events about the XR and its composed resources. */
  events: KubernetesEvent[];
  cluster: ClusterState;
  observedAt: Date;
  /** Whether the GitOps sync applies the product's file (see gitopsApplyOf). */
  gitopsApply?: GitopsApply;
}

/**
 * The report for a product a cluster has: its status as `deriveStatus`
 * computes it (each resource described once, the state derived from those
 * descriptions, the resources compose() expects that are not there), the XR
 * itself, the cluster it comes from and the recent events.
 */
export function buildProvisioningReport(
  input: ProvisioningReportInput,
): ProvisioningReport {
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
      ...capabilitiesReportedBy(xr),
    },
    resources: [...status.resources].sort(byKey),
    missing: status.missing,
    events: recentEvents(input.events),
    ...(input.gitopsApply && { gitopsApply: input.gitopsApply }),
  };
}

/**
 * The XR's `status.capabilities` when it is an object; nothing otherwise
 * (before the function reports, or from a status written by hand).
 */
function capabilitiesReportedBy(xr: KubernetesObject): {
  capabilities?: Record<string, unknown>;
} {
  const reported = (xr.status as { capabilities?: unknown } | undefined)
    ?.capabilities;
  return reported && typeof reported === 'object' && !Array.isArray(reported)
    ? { capabilities: reported as Record<string, unknown> }
    : {};
}
