/** The GCP provider kinds meshifi composes (Crossplane v2 namespaced managed resources). */
export const GCP_KINDS = {
  dataset: { apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1', kind: 'Dataset' },
  datasetIamMember: {
    apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
    kind: 'DatasetIAMMember',
  },
  table: { apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1', kind: 'Table' },
  serviceAccount: {
    apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
    kind: 'ServiceAccount',
  },
  serviceAccountIamMember: {
    apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
    kind: 'ServiceAccountIAMMember',
  },
  projectIamMember: {
    apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
    kind: 'ProjectIAMMember',
  },
} as const;

/** What a composed resource is for. Also its `meshifi.io/role` label. */
export type ResourceRole =
  | 'dataset'
  | 'dataset-writer'
  | 'service-account'
  | 'job-user'
  | 'owner-impersonation'
  | 'dataset-reader'
  | 'table'
  | 'capability';
