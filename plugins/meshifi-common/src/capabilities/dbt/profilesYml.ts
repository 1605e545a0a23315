import { Document } from 'yaml';
import type { ProductContext } from '../Capability';

/** The profile a product's dbt project names (`profile:` in dbt_project.yml). */
export const DBT_PROFILE = 'meshifi';

/** The target the CronJob runs: as the product's service account, through Workload Identity. */
export const DBT_PROD_TARGET = 'prod';

/** The target owners run on their own machine: their Google credentials, acting as the service account. */
export const DBT_OWNER_TARGET = 'owner';

/** How many models dbt builds at once. */
export const DBT_THREADS = 4;

/** The profiles of a product, as dbt-bigquery reads them. */
export function dbtProfiles(context: ProductContext) {
  const prod = {
    type: 'bigquery',
    method: 'oauth',
    project: context.project,
    // Models go to the cleaned dataset unless a model says otherwise (its
    // schema config, for the curated one); sources read the raw one.
    dataset: context.datasets.cleaned,
    location: context.location,
    threads: DBT_THREADS,
  };
  return {
    [DBT_PROFILE]: {
      target: DBT_PROD_TARGET,
      outputs: {
        [DBT_PROD_TARGET]: prod,
        [DBT_OWNER_TARGET]: {
          ...prod,
          // An owner may act as the product's service account (meshifi
          // grants owners the token creator role on it): their runs write
          // where the scheduled runs do, with the same rights.
          impersonate_service_account: context.serviceAccountEmail,
        },
      },
    },
  };
}

/**
 * The text of the product's profiles.yml, which the CronJob mounts and an
 * owner may copy to run the project locally with `--target owner`.
 */
export function dbtProfilesYml(context: ProductContext): string {
  const document = new Document(dbtProfiles(context));
  document.commentBefore = [
    ` dbt profiles of the data product ${context.product}, written by meshifi.`,
    ` Target ${DBT_PROD_TARGET}: the scheduled runs, as ${context.serviceAccountEmail}.`,
    ` Target ${DBT_OWNER_TARGET}: an owner's own runs, after gcloud auth application-default login:`,
    ` dbt build --target ${DBT_OWNER_TARGET}`,
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}
