import { Condition, KubernetesObject } from '@meshifi/common';

/**
 * kustomize-controller marks a Kustomization's Ready condition Unknown
 * ("Reconciliation in progress") at the start of every attempt, retries of a
 * revision that failed included. Read at that moment, a product's page would
 * lose the notice of a broken file for an instant on every retry (each
 * minute on a platform, every few seconds locally). What Flux last said of a
 * failed revision therefore holds until it has tried something else (a new
 * revision) or says something new of it (True, or False again).
 */
export interface ApplyFailure {
  /** The revision that failed: status.lastAttemptedRevision then. */
  revision: string;
  ready: Condition;
}

interface KustomizationStatus {
  conditions?: unknown;
  lastAttemptedRevision?: unknown;
}

const statusOf = (object: KubernetesObject) =>
  (object.status ?? {}) as KustomizationStatus;

function readyOf(object: KubernetesObject): Condition | undefined {
  const conditions = statusOf(object).conditions;
  if (!Array.isArray(conditions)) {
    return undefined;
  }
  return conditions.find(
    (c): c is Condition =>
      typeof c === 'object' && c !== null && c.type === 'Ready',
  );
}

/**
 * The failure to remember after a change of the Kustomization: its own when
 * Ready is False, the one remembered while an attempt of the same revision is
 * under way, none otherwise (applied, or another revision being tried).
 */
export function applyFailureAfter(
  kustomization: KubernetesObject,
  remembered: ApplyFailure | undefined,
): ApplyFailure | undefined {
  const ready = readyOf(kustomization);
  const revision = statusOf(kustomization).lastAttemptedRevision;
  if (ready?.status === 'False' && typeof revision === 'string') {
    return { revision, ready };
  }
  if (
    remembered &&
    ready?.status !== 'True' &&
    revision === remembered.revision
  ) {
    return remembered;
  }
  return undefined;
}

/** The Kustomization as a page reads it: with the failure it still stands for in place of Ready Unknown. */
export function withApplyFailure(
  kustomization: KubernetesObject,
  failure: ApplyFailure | undefined,
): KubernetesObject {
  const ready = readyOf(kustomization);
  if (!failure || ready?.status === 'False' || ready?.status === 'True') {
    return kustomization;
  }
  const status = statusOf(kustomization);
  const others = Array.isArray(status.conditions)
    ? (status.conditions as Condition[]).filter(c => c?.type !== 'Ready')
    : [];
  return {
    ...kustomization,
    status: { ...status, conditions: [...others, failure.ready] },
  };
}
