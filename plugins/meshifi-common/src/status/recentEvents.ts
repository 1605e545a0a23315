import { KubernetesEvent } from '../model/kubernetesEvent';
import { ProvisioningEvent } from './provisioningReport';

/** How many events a report carries: the newest. */
export const EVENT_LIMIT = 20;

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

/**
 * The events a report shows: newest first, at most EVENT_LIMIT. An event
 * series counts as seen when its last occurrence was.
 */
export function recentEvents(events: KubernetesEvent[]): ProvisioningEvent[] {
  return events
    .map(describeEvent)
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .slice(0, EVENT_LIMIT);
}
