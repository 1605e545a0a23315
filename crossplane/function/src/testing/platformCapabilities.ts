/**
 * What a platform adds to the capabilities' packaged settings for the
 * example domain sales (GCP project acme-sales-data): the Fivetran group
 * whose BigQuery destination is that project. The package ships none, as
 * every platform has its own; tests give it as a platform would, in an
 * EnvironmentConfig or the capability's step input.
 */
export const SALES_CAPABILITY_SETTINGS = {
  fivetran: {
    projects: {
      'acme-sales-data': {
        groupId: 'projected_sickle',
        serviceAccountEmail:
          'g-projected-sickle@fivetran-production.iam.gserviceaccount.com',
      },
    },
  },
};

/** The same settings as the environment of a Composition's pipeline. */
export const SALES_CAPABILITY_ENVIRONMENT = {
  meshifi: { platform: { capabilities: SALES_CAPABILITY_SETTINGS } },
};
