import {
  ProvisionedResource,
  ProvisioningEvent,
} from '../status/provisioningReport';
import { explainProviderFailure } from './explainProviderFailure';
import { resourcePurpose } from './resourcePurpose';

/** Events saying the same thing, told once. */
export interface EventGroup {
  type: 'Warning' | 'Normal';
  /** What they say, with each resource named by what it is for. */
  message: string;
  /** What the events are about, e.g. ["the raw dataset"]. */
  about: string[];
  /** How many times it was said, across the events and their repeats. */
  count: number;
  lastSeen?: string;
}

/**
 * Crossplane's bookkeeping: which composition revision it picked, that it
 * applied its pipeline. True, never useful to the product's owner.
 */
const BOOKKEEPING_REASONS = new Set([
  'SelectComposition',
  'ConfigureCompositeResource',
  'PublishConnectionSecret',
  'BindCompositeResource',
]);

/**
 * The events a product's owner should read: warnings always; progress only
 * while the product is being created (once it is ready or failing, "resource
 * X is not yet ready" is stale news); Crossplane's bookkeeping never.
 * Repeats are grouped, and resources are named by what they are for.
 * Warnings first, then newest first; empty is "no news".
 */
export function eventsThatMatter(
  events: ProvisioningEvent[],
  product: { inProgress: boolean; resources: ProvisionedResource[] },
): EventGroup[] {
  const purposeByName = new Map(
    product.resources.map(resource => [
      `${resource.kind}/${resource.name}`,
      resourcePurpose({ ...resource, member: resource.details.member }),
    ]),
  );
  const keyOfResource = new Map(
    product.resources
      .filter(resource => resource.key)
      .map(resource => [resource.key!, `${resource.kind}/${resource.name}`]),
  );
  const groups = new Map<string, EventGroup>();
  for (const event of events) {
    if (!matters(event, product.inProgress)) {
      continue;
    }
    const type = event.type === 'Warning' ? 'Warning' : 'Normal';
    const about =
      purposeByName.get(`${event.kind}/${event.name}`) ?? 'the data product';
    const message = inPlainWords(event, about, {
      purposeByName,
      keyOfResource,
    });
    const groupKey = `${type}\u0000${message}`;
    const group = groups.get(groupKey);
    if (group) {
      group.count += event.count;
      if (!group.about.includes(about)) {
        group.about.push(about);
      }
      group.lastSeen = later(group.lastSeen, event.lastSeen);
    } else {
      groups.set(groupKey, {
        type,
        message,
        about: [about],
        count: event.count,
        lastSeen: event.lastSeen,
      });
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      (b.type === 'Warning' ? 1 : 0) - (a.type === 'Warning' ? 1 : 0) ||
      (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
  );
}

function matters(event: ProvisioningEvent, inProgress: boolean): boolean {
  if (event.reason && BOOKKEEPING_REASONS.has(event.reason)) {
    return false;
  }
  return event.type === 'Warning' || inProgress;
}

/**
 * A warning Google Cloud caused is told as explainProviderFailure tells it
 * (so that the same refusal, retried, is one entry); other messages get
 * their resources' plain names.
 */
function inPlainWords(
  event: ProvisioningEvent,
  about: string,
  names: {
    purposeByName: Map<string, string>;
    keyOfResource: Map<string, string>;
  },
): string {
  // Kubernetes prefixes events it has folded together; the count says it.
  const message = (event.message ?? event.reason ?? '').replace(
    /^\(combined from similar events\): /,
    '',
  );
  if (event.type === 'Warning') {
    const explained = explainProviderFailure(message, { what: about });
    if (explained.id !== 'unknown') {
      return explained.happened;
    }
  }
  return inPlainNames(message, names);
}

/**
 * Crossplane's messages name composed resources by their step in the
 * composition ('Composed resource "dataset-writer-raw" is not yet ready');
 * each such name becomes what the resource is for.
 */
function inPlainNames(
  message: string,
  names: {
    purposeByName: Map<string, string>;
    keyOfResource: Map<string, string>;
  },
): string {
  return message.replace(/"([a-z0-9][a-z0-9-]*)"/g, (quoted, key: string) => {
    const resource = names.keyOfResource.get(key);
    const purpose = resource ? names.purposeByName.get(resource) : undefined;
    return purpose ?? quoted;
  });
}

function later(a?: string, b?: string): string | undefined {
  if (!a) {
    return b;
  }
  if (!b) {
    return a;
  }
  return a > b ? a : b;
}
