import { Condition, KubernetesObject } from '../model/types';

/** The conditions of an object's status, or none. */
export function conditionsOf(
  object: KubernetesObject | undefined,
): Condition[] {
  const status = object?.status as { conditions?: Condition[] } | undefined;
  return Array.isArray(status?.conditions) ? status!.conditions : [];
}

/** One condition of an object, by type. */
export function conditionOf(
  object: KubernetesObject | undefined,
  type: string,
): Condition | undefined {
  return conditionsOf(object).find(condition => condition.type === type);
}

/** Ready=True. */
export function isReady(object: KubernetesObject | undefined): boolean {
  return conditionOf(object, 'Ready')?.status === 'True';
}

/**
 * The condition that says an object is failing, if one does: Synced=False is
 * a reconcile error (the provider's message says why); LastAsyncOperation=False
 * is an upjet provider's failed create, update or delete, whose message holds
 * Google's error; Ready=False with a reason other than Creating means the
 * resource exists but is unavailable.
 */
export function failingCondition(
  object: KubernetesObject | undefined,
): Condition | undefined {
  const synced = conditionOf(object, 'Synced');
  if (synced?.status === 'False') {
    return synced;
  }
  const lastOperation = conditionOf(object, 'LastAsyncOperation');
  if (lastOperation?.status === 'False') {
    return lastOperation;
  }
  const ready = conditionOf(object, 'Ready');
  if (
    ready?.status === 'False' &&
    ready.reason &&
    !['Creating', 'Deleting'].includes(ready.reason)
  ) {
    return ready;
  }
  return undefined;
}
