import type { AccessLevel, MedallionLayer } from '../constants';
import type { BigQueryColumnType, ColumnMode } from '../contract/bigQueryTypes';
import type { ProductLifecycleStatus } from '../lifecycle/productStatus';

/** The parts of a Kubernetes object meshifi reads. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
  };
  spec?: unknown;
  status?: unknown;
}

/**
 * A Kubernetes / Crossplane status condition, as crossplane-runtime writes it
 * on a managed resource or an XR (and the stand-in provider writes it too).
 */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  /** The object's metadata.generation the condition was decided for. */
  observedGeneration?: number;
}

/** The analyst's request: the seed's interface plus a few optional fields. */
export interface DataProductSpec {
  info: {
    name: string;
    version: string;
    title?: string;
    description?: string;
  };
  access: {
    owners: string[];
  };
  domain?: string;
  location?: string;
  /** Where the product is in its life; `active` when left out. */
  status?: ProductLifecycleStatus;
  /** Required once the status is `deprecated`: until when, and what instead. */
  deprecation?: Deprecation;
  /** The tables the product offers others, each with its contract. */
  outputPorts?: OutputPort[];
  /** The output ports of other products this product reads. */
  inputPorts?: InputPort[];
  /**
   * What the product has beyond its datasets and service account, each
   * under its capability's name (capabilities/registry.ts): dbt, fivetran.
   */
  capabilities?: Record<string, unknown>;
}

/** Why and until when a deprecated product is still served. */
// Object types rather than interfaces: a catalog entity carries them, and only
// types are assignable to its JSON object type.
export type Deprecation = {
  /** The last day the product is served, YYYY-MM-DD. */
  date: string;
  /** The product that replaces this one. */
  replacedBy?: string;
  /** Why the product goes, when nothing replaces it. */
  reason?: string;
};

/**
 * A table a product offers in its curated layer, and the promise about it:
 * the contract is what the composition creates in BigQuery, not a document
 * beside it.
 */
export type OutputPort = {
  /** The BigQuery table id, in the curated dataset. */
  name: string;
  description?: string;
  contract: DataContract;
};

/** What a port's table holds and how it is kept. */
export type DataContract = {
  columns: ContractColumn[];
  /** Column names that identify a row, in order. */
  primaryKey?: string[];
  freshness?: Freshness;
  quality?: QualityRule[];
};

/** One column of a port's table. */
export type ContractColumn = {
  name: string;
  type: BigQueryColumnType;
  /** NULLABLE when left out. */
  mode?: ColumnMode;
  description?: string;
  /** Whether the column holds personal data (a name, an email, an address). */
  personalData?: boolean;
};

/**
 * How fresh a port's data is kept: a duration such as `30m`, `1h` or `1d`
 * (minutes, hours, days).
 */
export type Freshness = {
  /** How often the table is refreshed. */
  refreshEvery: string;
  /** How long after a refresh was due the data may still be missing. */
  maxDelay?: string;
};

/** A check the producing team promises its table passes. */
export type QualityRule =
  | { rule: 'notNull'; column: string }
  | { rule: 'unique'; column: string }
  | { rule: 'rowCountAbove'; value: number };

/** An output port of another product that this product reads. */
export type InputPort = {
  /** The product's name (product names are unique across the mesh). */
  product: string;
  /** The name of one of its output ports. */
  port: string;
};

/** What the composition function reports back on the XR. */
export interface DataProductStatus {
  project?: string;
  serviceAccountEmail?: string;
  datasets?: Array<{ layer: string; datasetId: string; location: string }>;
  /**
   * The version whose output ports the function last composed, and those
   * ports: what the version rule compares the next change with.
   */
  acceptedVersion?: string;
  acceptedPorts?: OutputPort[];
  conditions?: Condition[];
}

/** A `meshifi.io/v1alpha1` DataProduct composite resource. */
export interface DataProduct extends KubernetesObject {
  kind: 'DataProduct';
  spec: DataProductSpec;
  status?: DataProductStatus;
}

export interface DataDomainSpec {
  title?: string;
  description?: string;
  owner: string;
  gcpProject: string;
}

/** A `meshifi.io/v1alpha1` DataDomain composite resource. */
export interface DataDomain extends KubernetesObject {
  kind: 'DataDomain';
  spec: DataDomainSpec;
  status?: { conditions?: Condition[] };
}

/**
 * What the platform decides once, for every product: where products without a
 * domain live and where datasets go by default. Comes from the Composition's
 * function input (or an EnvironmentConfig), never from the analyst.
 */
export interface PlatformConfig {
  /** The GCP project of products whose domain names none. */
  project: string;
  /** BigQuery location of products that name none. */
  location: string;
  /** The provider config the managed resources use. */
  providerConfig?: {
    kind: 'ProviderConfig' | 'ClusterProviderConfig';
    name: string;
  };
  /** What a DataAccess may grant; DEFAULT_ACCESS_POLICY where left out. */
  access?: Partial<AccessPolicy>;
  /** Each capability's settings, under its name (Capability.settings reads them). */
  capabilities?: Record<string, unknown>;
}

/** The platform's rules for DataAccess grants. */
export interface AccessPolicy {
  /** The layers of a product that may be shared with others. */
  shareableLayers: readonly MedallionLayer[];
  /** How many days after today a grant may last at most. */
  maxDays: number;
}

/**
 * Who a DataAccess grants to, as IAM knows them: the function has no
 * catalog, so the consumer is an email of a person, a Google group, or a
 * service account (of another data product), and the catalog entity it was
 * chosen as, for the pages that show it.
 */
export interface AccessConsumer {
  type: 'user' | 'group' | 'serviceAccount';
  email: string;
  /** The Backstage entity ref the consumer was picked as, e.g. group:default/marketing. */
  entityRef?: string;
}

/** A request for access to one layer of a data product, until a day. */
export interface DataAccessSpec {
  /** The DataProduct, in the grant's own namespace. */
  product: string;
  consumer: AccessConsumer;
  /** `curated` when left out. */
  layer?: MedallionLayer;
  /** `read` when left out. */
  level?: AccessLevel;
  /** Why the consumer needs the data, in words. */
  purpose: string;
  /** The last day of access, YYYY-MM-DD: access ends when that day ends in UTC. */
  expires: string;
}

/** What the composition function reports back on a DataAccess. */
export interface DataAccessStatus {
  project?: string;
  datasetId?: string;
  member?: string;
  role?: string;
  /** The instant access ends, RFC 3339 in UTC. */
  endsAt?: string;
  conditions?: Condition[];
}

/** A `meshifi.io/v1alpha1` DataAccess composite resource (namespaced). */
export interface DataAccess extends KubernetesObject {
  kind: 'DataAccess';
  spec: DataAccessSpec;
  status?: DataAccessStatus;
}
