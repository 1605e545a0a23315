/** The API group of every meshifi composite resource. */
export const MESHIFI_GROUP = 'meshifi.io';

/** The served version of the meshifi composite resources. */
export const MESHIFI_VERSION = 'v1alpha1';

/** `apiVersion` of DataProduct and DataDomain manifests. */
export const MESHIFI_API_VERSION = `${MESHIFI_GROUP}/${MESHIFI_VERSION}`;

/** The medallion layers every data product gets one BigQuery dataset for. */
export const MEDALLION_LAYERS = ['raw', 'cleaned', 'curated'] as const;

/** One of the medallion layers. */
export type MedallionLayer = (typeof MEDALLION_LAYERS)[number];

/** Kubernetes labels meshifi puts on every composed resource. */
export const LABELS = {
  dataProduct: 'meshifi.io/data-product',
  domain: 'meshifi.io/domain',
  role: 'meshifi.io/role',
  /** On a resource a capability composed: the capability's name (dbt, fivetran). */
  capability: 'meshifi.io/capability',
  /**
   * On the Flux Kustomization that applies a domain's product files: the
   * domain's name, or `none` for the products of no domain (`products/`).
   * The backend watches Kustomizations by this label to tell a product's page
   * when the platform could not apply its file or its domain's.
   */
  productsOf: 'meshifi.io/products-of',
  /**
   * `true` on the one Flux GitRepository of the GitOps repository whose URL,
   * branch and credentials each DataDomain's own products source copies.
   */
  productsSource: 'meshifi.io/products-source',
  /** On what a DataAccess composes: the grant's name, so its page can find it. */
  dataAccess: 'meshifi.io/data-access',
} as const;

/** The value of `LABELS.productsOf` on the Kustomization of the products of no domain. */
export const PRODUCTS_OF_NO_DOMAIN = 'none';

/** The IAM roles meshifi grants. */
export const IAM_ROLES = {
  /** Lets the product's service account write to its datasets. */
  datasetWriter: 'roles/bigquery.dataEditor',
  /** Lets the service account run query jobs in the project; without it queries fail with 403 on bigquery.jobs.create. */
  jobUser: 'roles/bigquery.jobUser',
  /** Lets an owner impersonate the service account (serviceAccountUser is not enough). */
  impersonation: 'roles/iam.serviceAccountTokenCreator',
  /** What a DataAccess of level `read` grants on one dataset of a product. */
  datasetReader: 'roles/bigquery.dataViewer',
} as const;

/** The access levels a DataAccess may ask for, and the IAM role of each. */
export const ACCESS_LEVEL_ROLES = {
  read: IAM_ROLES.datasetReader,
} as const;

/** An access level of a DataAccess. */
export type AccessLevel = keyof typeof ACCESS_LEVEL_ROLES;

/** Every access level, for schemas and forms. */
export const ACCESS_LEVELS = Object.keys(ACCESS_LEVEL_ROLES) as AccessLevel[];

/**
 * What the platform allows a DataAccess when it says nothing else: only the
 * curated layer is shared (raw data is the producing team's own, not a
 * product's interface), and a grant lasts at most a year.
 */
export const DEFAULT_ACCESS_POLICY: {
  readonly shareableLayers: readonly MedallionLayer[];
  readonly maxDays: number;
} = {
  shareableLayers: ['curated'],
  maxDays: 365,
};
