import { Condition } from '@meshifi/common';

/** A condition as the provider decides it, before it is stamped. */
export type ConditionSpec = Omit<
  Condition,
  'lastTransitionTime' | 'observedGeneration'
>;

/**
 * What upjet reports when the resource exists and matches its spec: the
 * managed reconciler's Synced and Ready, and upjet's LastAsyncOperation.
 */
export function availableConditions(): ConditionSpec[] {
  return [
    { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
    { type: 'Ready', status: 'True', reason: 'Available' },
    { type: 'LastAsyncOperation', status: 'True', reason: 'Success' },
  ];
}

/**
 * What upjet reports when Terraform's create failed with a diagnostic such
 * as "Error creating Dataset: googleapi: Error 403: …": the diagnostic in
 * Go's formatting of Terraform's diagnostics (severity 0, summary, empty
 * detail, no attribute path), wrapped as upjet's async callback wraps it.
 */
export function createFailedConditions(diagnostic: string): ConditionSpec[] {
  const error = `async create failed: failed to create the resource: [{0 ${diagnostic}  []}]`;
  return [
    {
      type: 'Synced',
      status: 'False',
      reason: 'ReconcileError',
      message: `create failed: ${error}`,
    },
    { type: 'Ready', status: 'False', reason: 'Creating' },
    {
      type: 'LastAsyncOperation',
      status: 'False',
      reason: 'AsyncCreateFailure',
      message: error,
    },
  ];
}

/** RFC 3339 in whole seconds, as Kubernetes writes metav1.Time. */
const kubernetesTime = (date: Date) =>
  date.toISOString().replace(/\.\d+Z$/, 'Z');

function isCondition(value: unknown): value is Condition {
  const condition = value as Partial<Condition> | undefined;
  return typeof condition?.type === 'string';
}

const sameCondition = (
  a: ConditionSpec & { observedGeneration?: number },
  b: Condition,
) =>
  a.type === b.type &&
  a.status === b.status &&
  a.reason === b.reason &&
  (a.message ?? '') === (b.message ?? '') &&
  a.observedGeneration === b.observedGeneration;

/**
 * The conditions to store, for an object at `generation`. As
 * crossplane-runtime's SetConditions does, a condition that did not change
 * keeps its lastTransitionTime; a changed one gets `now`.
 */
export function stampConditions(
  specs: ConditionSpec[],
  existing: unknown[] | undefined,
  generation: number | undefined,
  now: Date,
): Condition[] {
  const current = (existing ?? []).filter(isCondition);
  return specs.map(spec => {
    const wanted = { ...spec, observedGeneration: generation };
    const previous = current.find(c => c.type === spec.type);
    return previous && sameCondition(wanted, previous)
      ? { ...wanted, lastTransitionTime: previous.lastTransitionTime }
      : { ...wanted, lastTransitionTime: kubernetesTime(now) };
  });
}

/** Whether an object already has these conditions, at `generation`. */
export function hasConditions(
  specs: ConditionSpec[],
  existing: unknown[] | undefined,
  generation: number | undefined,
): boolean {
  const current = (existing ?? []).filter(isCondition);
  return specs.every(spec =>
    current.some(c =>
      sameCondition({ ...spec, observedGeneration: generation }, c),
    ),
  );
}
