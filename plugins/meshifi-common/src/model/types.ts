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
}

/** What the composition function reports back on the XR. */
export interface DataProductStatus {
  project?: string;
  serviceAccountEmail?: string;
  datasets?: Array<{ layer: string; datasetId: string; location: string }>;
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
}
