import { Condition } from '@meshifi/common';
import { initialExternalName, observeExternalResource } from './atProvider';
import {
  availableConditions,
  createFailedConditions,
  hasConditions,
  stampConditions,
} from './conditions';
import { FAIL_ANNOTATION, injectedFailure } from './failures';
import {
  createdRequest,
  failedRequest,
  isHttpRequestKind,
  RequestObservation,
} from './httpRequest';
import { atProviderOf, externalNameOf, ManagedResource } from './managedKinds';

/** What the provider would write on a managed resource now. */
export interface DesiredState {
  /** The status subresource, whole: what the provider owns of it. */
  status: {
    conditions: Condition[];
    observedGeneration?: number;
    atProvider?: Record<string, unknown>;
  } & Partial<RequestObservation>;
  /** The external-name annotation to add, when it is missing. */
  externalName?: string;
}

/**
 * What the real provider would report for a managed resource: created and
 * available, or a failed create (requested with the fail annotation, or a
 * required field the resource lacks) with the external name its initializer
 * had set before trying.
 */
export function desiredState(
  kind: { kind: string },
  resource: ManagedResource,
  now: Date,
): DesiredState {
  const generation = resource.metadata?.generation;
  const existing = resource.status?.conditions;
  if (isHttpRequestKind(kind)) {
    return httpRequestState(resource, now);
  }
  const failure = injectedFailure(kind, resource);
  const external = failure
    ? { created: false as const, error: failure }
    : observeExternalResource(kind, resource, now);
  const externalName = external.created
    ? external.externalName
    : initialExternalName(kind, resource);
  const missingExternalName =
    externalName && !externalNameOf(resource) ? externalName : undefined;
  if (!external.created) {
    return {
      status: {
        conditions: stampConditions(
          createFailedConditions(external.error),
          existing,
          generation,
          now,
        ),
        observedGeneration: generation,
      },
      externalName: missingExternalName,
    };
  }
  return {
    status: {
      conditions: stampConditions(
        availableConditions(),
        existing,
        generation,
        now,
      ),
      observedGeneration: generation,
      atProvider: external.atProvider,
    },
    externalName: missingExternalName,
  };
}

/**
 * What provider-http would report for a Request: Fivetran's answer to the
 * connection's GET once created, or the error answer to its create when the
 * fail annotation asks for one.
 */
function httpRequestState(resource: ManagedResource, now: Date): DesiredState {
  const generation = resource.metadata?.generation;
  const failure = resource.metadata?.annotations?.[FAIL_ANNOTATION];
  const { conditions, observation } =
    failure === undefined
      ? createdRequest(resource)
      : failedRequest(
          resource,
          failure.trim() === '' || failure.trim() === 'true'
            ? 'Invalid request: the connection could not be created.'
            : failure.trim(),
        );
  return {
    status: {
      conditions: stampConditions(
        conditions,
        resource.status?.conditions,
        generation,
        now,
      ),
      observedGeneration: generation,
      ...observation,
    },
  };
}

/** JSON with sorted keys, to compare objects whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** What provider-http writes of a Request beside conditions (absent on other kinds). */
const OBSERVED_FIELDS = [
  'response',
  'requestDetails',
  'failed',
  'error',
] as const;

/** Whether the resource already shows what the provider would write. */
export function isUpToDate(
  resource: ManagedResource,
  desired: DesiredState,
): boolean {
  const generation = resource.metadata?.generation;
  const { status } = desired;
  return (
    desired.externalName === undefined &&
    resource.status?.observedGeneration === status.observedGeneration &&
    hasConditions(status.conditions, resource.status?.conditions, generation) &&
    (status.atProvider === undefined ||
      canonical(status.atProvider) === canonical(atProviderOf(resource))) &&
    OBSERVED_FIELDS.every(
      field =>
        canonical(status[field]) ===
        canonical((resource.status as Record<string, unknown>)?.[field]),
    )
  );
}
