import { PlanBase } from '../repository/planBase';
import { ChangePlan, PlannedChange } from './planChange';
import { describeValue } from './fieldChanges';

/** What `meshifi plan --format json` prints: the plan and what it compared. */
export interface PlanReport extends ChangePlan {
  base: {
    ref: string;
    commit?: string;
    description: string;
  };
}

/** A plan with the base it was made against. */
export function planReport(base: PlanBase, plan: ChangePlan): PlanReport {
  return {
    base: {
      ref: base.ref,
      ...(base.commit ? { commit: base.commit } : {}),
      description: base.description,
    },
    ...plan,
  };
}

/** What changes on a resource, in words: `display name "A" → "B"`. */
export function describeChange(change: PlannedChange): string {
  return change.fields
    .map(
      f => `${f.words} ${describeValue(f.before)} → ${describeValue(f.after)}`,
    )
    .join('; ');
}

/** How many resources the plan creates, changes and deletes. */
export function planTotals(plan: ChangePlan) {
  const sum = (pick: (p: ChangePlan['products'][number]) => unknown[]) =>
    plan.products.reduce((n, p) => n + pick(p).length, 0);
  return {
    create: sum(p => p.create),
    change: sum(p => p.change),
    delete: sum(p => p.delete),
  };
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/** The last line of a plan: how much it does. */
export function describeTotals(plan: ChangePlan): string {
  const totals = planTotals(plan);
  return `In all: ${totals.create} to create, ${totals.change} to change, ${
    totals.delete
  } to delete, in ${plural(
    plan.products.length,
    'data product',
    'data products',
  )}.`;
}

/** The warning on top of a plan that deletes datasets. */
export function dataLossHeadline(plan: ChangePlan): string {
  return `DATA LOSS: this change deletes ${plural(
    plan.dataLoss.length,
    'BigQuery dataset',
    'BigQuery datasets',
  )}.`;
}

/** What deleting a dataset does, said once under the warning. */
export const DATA_LOSS_EXPLANATION =
  'A deleted dataset is gone for good, with everyone’s access to it. BigQuery refuses to delete one that still holds tables (meshifi never deletes tables with a product): it then stays, failing, until its tables are moved or deleted by hand. Make sure this is meant before merging.';

/** What a domain file's change does, in words. */
export const DOMAIN_ACTION_WORDS = {
  create:
    'new: the platform makes the namespace of its products (nothing in Google Cloud by itself)',
  change:
    'changed: what it changes in Google Cloud shows in its products above (a new GCP project moves them)',
  delete:
    'deleted: the platform deletes its namespace once no product lives in it',
} as const;
