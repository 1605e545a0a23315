import { ComposedResource, isReady, KubernetesObject } from '@meshifi/common';

/** The Composition's key of the dataset an output port's table goes in. */
export const CURATED_DATASET_KEY = 'dataset-curated';

/** What to ask Crossplane for now, and the tables that wait for their dataset. */
export interface TablesAfterDataset {
  composed: ComposedResource[];
  waiting: ComposedResource[];
}

/**
 * Holds back the output ports' tables until the curated dataset they go in
 * exists (Ready as Crossplane last observed it): BigQuery refuses a table in
 * a dataset it does not have, and the provider would show that refusal on
 * the product's page until a retry made it. A table already composed stays
 * composed whatever its dataset does, so that it is never dropped from the
 * composition once asked for.
 */
export function tablesAfterDataset(
  composed: ComposedResource[],
  observed: Record<string, KubernetesObject>,
): TablesAfterDataset {
  const datasetExists = isReady(observed[CURATED_DATASET_KEY]);
  const waits = (resource: ComposedResource) =>
    resource.role === 'table' && !datasetExists && !observed[resource.key];
  return {
    composed: composed.filter(resource => !waits(resource)),
    waiting: composed.filter(waits),
  };
}
