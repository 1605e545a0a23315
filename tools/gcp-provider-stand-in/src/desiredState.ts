import { Condition } from '@meshifi/common';
import { initialExternalName, observeExternalResource } from './atProvider';
import {
  availableConditions,
  createFailedConditions,
  hasConditions,
  stampConditions,
} from './conditions';
import { injectedFailure } from './failures';
import { atProviderOf, externalNameOf, ManagedResource } from './managedKinds';

/** What the provider would write on a managed resource now. */
export interface DesiredState {
  /** The status subresource, whole: what the provider owns of it. */
  status: {
    conditions: Condition[];
    observedGeneration?: number;
    atProvider?: Record<string, unknown>;
  };
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
      canonical(status.atProvider) === canonical(atProviderOf(resource)))
  );
}
