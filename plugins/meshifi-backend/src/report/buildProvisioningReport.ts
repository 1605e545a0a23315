import {
  ClusterState,
  ComposedResource,
  Condition,
  deriveStatus,
  KubernetesObject,
  PendingResource,
  ProvisioningEvent,
  ProvisioningReport,
} from '@meshifi/common';
import { KubernetesEvent } from '../watch/ClusterCache';
import { describeResource } from './describeResource';

/** How many events a report carries: the newest. */
export const EVENT_LIMIT = 20;

const identity = (o: { kind: string; metadata: { name: string } }) =>
  `${o.kind}/${o.metadata.name}`;

export function pendingResource(expected: ComposedResource): PendingResource {
  return {
    key: expected.key,
    apiVersion: expected.resource.apiVersion,
    kind: expected.resource.kind,
    name: expected.resource.metadata.name,
    role: expected.role,
    summary: expected.summary,
  };
}

const isoTime = (time: string | Date | undefined) =>
  time instanceof Date ? time.toISOString() : time;

function describeEvent(event: KubernetesEvent): ProvisioningEvent {
  return {
    type: event.type ?? 'Normal',
    reason: event.reason,
    message: event.message,
    kind: event.involvedObject?.kind ?? '',
    name: event.involvedObject?.name ?? '',
    count: event.series?.count ?? event.count ?? 1,
    lastSeen: isoTime(
      event.series?.lastObservedTime ??
        event.lastTimestamp ??
        event.eventTime ??
        event.metadata.creationTimestamp,
    ),
  };
}

/** Newest first, at most EVENT_LIMIT. */
function recentEvents(events: KubernetesEvent[]): ProvisioningEvent[] {
  return events
    .map(describeEvent)
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .slice(0, EVENT_LIMIT);
}

/**
 * The report for a product a cluster has: its state from the XR's and the
 * composed resources' conditions, each resource with what it is for, the
 * resources compose() expects that are not there, and the recent events.
 */
export function buildProvisioningReport(input: {
  xr: KubernetesObject;
  composed: KubernetesObject[];
  expected: ComposedResource[];
  events: KubernetesEvent[];
  cluster: ClusterState;
  observedAt: Date;
}): ProvisioningReport {
  const { xr, composed, expected } = input;
  const status = deriveStatus(xr, composed, expected);
  const expectedByIdentity = new Map(
    expected.map(e => [identity(e.resource), e]),
  );
  const conditions =
    (xr.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
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
      conditions,
      createdAt: xr.metadata.creationTimestamp,
    },
    resources: composed
      .map(object =>
        describeResource(object, expectedByIdentity.get(identity(object))),
      )
      .sort((a, b) => (a.key ?? a.name).localeCompare(b.key ?? b.name)),
    missing: status.missing.map(pendingResource),
    events: recentEvents(input.events),
  };
}
