/** Annotations meshifi puts on catalog entities. */
export const MESHIFI_ANNOTATIONS = {
  /**
   * The Backstage owner (user or group ref) picked on the Create page. Set on
   * the DataProduct manifest; IAM uses the owners' emails instead.
   */
  owner: 'meshifi.io/owner',
  /** The composite resource behind an entity: its namespace and name. */
  xrNamespace: 'meshifi.io/xr-namespace',
  xrName: 'meshifi.io/xr-name',
  /** The GCP project of a domain. */
  gcpProject: 'meshifi.io/gcp-project',
  /** The data product a Resource or an output port's API entity belongs to. */
  dataProduct: 'meshifi.io/data-product',
  /** The output port an API entity stands for: its table's name. */
  outputPort: 'meshifi.io/output-port',
  /** Where an entity came from: the GitOps repository, or only a cluster. */
  source: 'meshifi.io/source',
  /** The file in the GitOps repository. */
  gitopsPath: 'meshifi.io/gitops-path',
  /** Why a GitOps file could not become an entity. */
  invalid: 'meshifi.io/invalid',
} as const;

/** `apiVersion` of meshifi's catalog entities (the XRs are meshifi.io/v1alpha1). */
export const CATALOG_API_VERSION = 'catalog.meshifi.io/v1alpha1';

/** Resource entity types meshifi emits. */
export const RESOURCE_TYPES = {
  dataset: 'bigquery-dataset',
  serviceAccount: 'gcp-service-account',
} as const;

/**
 * API entity types meshifi emits: an output port's data contract, its
 * definition an ODCS document.
 */
export const API_TYPES = {
  dataContract: 'data-contract',
} as const;
