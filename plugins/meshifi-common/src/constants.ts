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
