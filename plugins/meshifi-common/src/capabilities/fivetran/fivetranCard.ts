import { CapabilityCard, CapabilityState } from '../Capability';
import { FivetranSpec } from './fivetranSchema';

/** A sync frequency in words: "every 15 minutes", "every 6 hours", "daily". */
export function frequencyInWords(minutes: number): string {
  if (minutes === 1440) {
    return 'daily';
  }
  if (minutes === 60) {
    return 'hourly';
  }
  if (minutes > 60 && minutes % 60 === 0) {
    return `every ${minutes / 60} hours`;
  }
  return `every ${minutes} minutes`;
}

/** A connection's state in words; anything unknown is still being created. */
const stateInWords = (state: unknown) =>
  state === 'created' || state === 'failed' ? state : 'being created';

type Reported = { state?: unknown; message?: string };

/** The connections the status reports, by name, ignoring what is not one. */
function reported(status: Record<string, unknown> | undefined) {
  const list = Array.isArray(status?.connections) ? status!.connections : [];
  const byName = new Map<string, Reported>();
  for (const item of list as unknown[]) {
    if (item && typeof item === 'object') {
      const { name, state, message } = item as Record<string, unknown>;
      if (typeof name === 'string') {
        byName.set(name, {
          state,
          ...(typeof message === 'string' ? { message } : {}),
        });
      }
    }
  }
  return byName;
}

function overall(states: Array<Reported & { name: string }>): CapabilityState {
  const failed = states.filter(s => s.state === 'failed');
  if (failed.length > 0) {
    return {
      label: 'Failed',
      tone: 'error',
      detail: failed.map(s => `${s.name}: ${s.message ?? 'failed'}`).join(' '),
    };
  }
  const troubled = states.filter(s => s.state === 'created' && s.message);
  if (troubled.length > 0) {
    return {
      label: 'Needs attention',
      tone: 'warning',
      detail: troubled.map(s => `${s.name}: ${s.message}`).join(' '),
    };
  }
  if (states.length > 0 && states.every(s => s.state === 'created')) {
    return { label: 'Loading', tone: 'ok' };
  }
  return { label: 'Being created', tone: 'pending' };
}

/**
 * The Fivetran card of a product's page: one line per connection (its
 * connector, how often it syncs, how it is doing) and how they do together.
 */
export function fivetranCard({
  spec,
  status,
}: {
  spec: FivetranSpec;
  status?: Record<string, unknown>;
}): CapabilityCard {
  const byName = reported(status);
  const connections = Array.isArray(spec?.connections) ? spec.connections : [];
  const states = connections.map(c => ({
    name: c.name,
    ...byName.get(c.name),
  }));
  return {
    title: 'Fivetran connections',
    state: overall(states),
    facts: connections.map((connection, index) => ({
      label: connection.name,
      value: `${connection.connector}, ${frequencyInWords(
        connection.syncFrequency,
      )}: ${stateInWords(states[index].state)}`,
    })),
  };
}
