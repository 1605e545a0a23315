import { KubernetesObject } from './types';

/** A Kubernetes event, as far as the status page reads it. */
export interface KubernetesEvent extends KubernetesObject {
  involvedObject?: {
    uid?: string;
    kind?: string;
    name?: string;
    namespace?: string;
  };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  // Strings on the wire; Dates when the typed client listed them.
  lastTimestamp?: string | Date;
  eventTime?: string | Date;
  series?: { count?: number; lastObservedTime?: string | Date };
}
