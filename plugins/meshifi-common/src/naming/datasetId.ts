import { MedallionLayer } from '../constants';

/** BigQuery allows at most 1,024 characters in a dataset id. */
const MAX_DATASET_ID_LENGTH = 1024;

/**
 * The BigQuery dataset id of one medallion layer of a data product.
 *
 * BigQuery dataset ids may hold letters, digits and underscores only, so the
 * dashes of a Kubernetes-style product name become underscores.
 */
export function datasetId(productName: string, layer: MedallionLayer): string {
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(productName)) {
    throw new Error(
      `"${productName}" cannot name a dataset: use lower-case letters, digits and dashes, starting with a letter.`,
    );
  }
  const id = `${productName.replace(/-/g, '_')}_${layer}`;
  if (id.length > MAX_DATASET_ID_LENGTH) {
    throw new Error(
      `The dataset id for "${productName}" would be longer than ${MAX_DATASET_ID_LENGTH} characters: choose a shorter product name.`,
    );
  }
  return id;
}
