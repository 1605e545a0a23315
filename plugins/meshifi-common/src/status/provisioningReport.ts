import { Condition } from '../model/types';
import { GitopsApply } from './gitopsApply';

/** The states an analyst sees, from nothing yet to all there. */
export type ProductState =
  | 'pending'
  | 'provisioning'
  | 'ready'
  | 'degraded'
  | 'failed';

/**
 * What the status API can say about a product, beyond the states the cluster
 * reports: the product is not in any cluster yet (the GitOps sync has not
 * applied it), no cluster can be read right now, the local platform of
 * `./meshifi start` is still starting, or this meshifi is connected to no
 * platform at all (it watches no cluster).
 */
export type ProvisioningState =
  | ProductState
  | 'not-in-cluster'
  | 'unreachable'
  | 'platform-starting'
  | 'no-platform';

/** A failing condition of a resource, in the provider's words. */
export interface ResourceProblem {
  reason?: string;
  message: string;
}

/** The fields of a managed resource a person needs, by kind. */
export interface ResourceDetails {
  project?: string;
  datasetId?: string;
  location?: string;
  /** The service account's email. */
  email?: string;
  /** The IAM role granted, e.g. roles/bigquery.dataEditor. */
  role?: string;
  /** Who gets it, e.g. user:ana@example.com. */
  member?: string;
  /** What the role is granted on (dataset, service account or project). */
  resource?: string;
}

/** One composed resource on the product's page. */
export interface ProvisionedResource {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** The Composition's name for it, e.g. dataset-raw. */
  key?: string;
  /** What it is for, e.g. dataset, dataset-writer (`meshifi.io/role`). */
  role?: string;
  /** Its medallion layer, for datasets and their writers. */
  layer?: string;
  /** Its name in Google Cloud. */
  externalName?: string;
  ready: boolean;
  synced: boolean;
  problem?: ResourceProblem;
  details: ResourceDetails;
  /** What it gives the analyst, in plain words. */
  summary?: string;
}

/** A resource compose() expects that the cluster does not have (yet). */
export interface PendingResource {
  key: string;
  apiVersion: string;
  kind: string;
  name: string;
  role: string;
  summary: string;
}

/** A Kubernetes event about the product or one of its resources. */
export interface ProvisioningEvent {
  type: 'Normal' | 'Warning' | string;
  reason?: string;
  message?: string;
  /** The object it is about. */
  kind: string;
  name: string;
  count: number;
  lastSeen?: string;
}

/** The cluster a report comes from, and whether its data is live. */
export interface ClusterState {
  name: string;
  /** live: watches connected; syncing: listing; unreachable: watches failing. */
  connection: 'live' | 'syncing' | 'unreachable';
  /** Why it is unreachable, in words a person can pass on. */
  message?: string;
}

/**
 * A data product's full provisioning state in one answer: the status API's
 * response and what the Provisioning card shows.
 */
export interface ProvisioningReport {
  state: ProvisioningState;
  /** One sentence a person should read. */
  reason: string;
  /** When the data was known to be current (now while the watch is live). */
  observedAt: string;
  /** The cluster the product was found in (or the clusters looked at). */
  clusters: ClusterState[];
  /** The composite resource, when a cluster has it. */
  xr?: {
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
    conditions: Condition[];
    createdAt?: string;
    /**
     * What each capability reports (the XR's `status.capabilities`), under
     * its name: what the product page's capability cards show. Absent until
     * the composition function has reported any.
     */
    capabilities?: Record<string, unknown>;
  };
  resources: ProvisionedResource[];
  missing: PendingResource[];
  events: ProvisioningEvent[];
  /**
   * Whether the GitOps sync applies the product's file, when the cluster's
   * sync is one meshifi knows (a Flux Kustomization labelled for the
   * product's domain): a broken file holds back the changes of its domain.
   */
  gitopsApply?: GitopsApply;
}
