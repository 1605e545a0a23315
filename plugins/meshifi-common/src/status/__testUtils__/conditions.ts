import { Condition, KubernetesObject } from '../../model/types';

/** Crossplane reconciled the resource without error. */
const synced: Condition = {
  type: 'Synced',
  status: 'True',
  reason: 'ReconcileSuccess',
};

/** The resource exists in Google Cloud and is available. */
const ready: Condition = {
  type: 'Ready',
  status: 'True',
  reason: 'Available',
};

/** The provider is creating the resource. */
const creating: Condition = {
  type: 'Ready',
  status: 'False',
  reason: 'Creating',
};

/** A condition that says something is wrong, in the provider's words. */
const failed = (type: string, reason: string, message: string): Condition => ({
  type,
  status: 'False',
  reason,
  message,
});

/** Conditions Crossplane and the provider write through a resource's life. */
export const crossplaneConditions = { synced, ready, creating, failed };

/** The object with these conditions as its whole status. */
export const withConditions = <T extends KubernetesObject>(
  object: T,
  ...conditions: Condition[]
) => ({ ...object, status: { conditions } });
