/**
 * Google's errors for the failures a data-product platform meets, by name,
 * so that a test or a demo can ask the stand-in for one
 * (`stand-in.meshifi.io/fail: api-disabled`) and get the message the real
 * provider would report: googleapi's "Error <code>: <message>, <reason>".
 */
type Fields = Record<string, unknown>;

const projectOf = (forProvider: Fields) =>
  typeof forProvider.project === 'string' && forProvider.project
    ? forProvider.project
    : 'unknown-project';

/** A project number, as Google writes it in API and billing errors. */
const PROJECT_NUMBER = '123456789012';

const namedFailures: Record<string, (forProvider: Fields) => string> = {
  'permission-denied': forProvider =>
    `googleapi: Error 403: Access Denied: Project ${projectOf(
      forProvider,
    )}: User does not have bigquery.datasets.create permission in project ${projectOf(
      forProvider,
    )}., accessDenied`,
  'api-disabled': () =>
    `googleapi: Error 403: BigQuery API has not been used in project ${PROJECT_NUMBER} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/bigquery.googleapis.com/overview?project=${PROJECT_NUMBER} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry., accessNotConfigured`,
  'billing-disabled': () =>
    `googleapi: Error 403: This API method requires billing to be enabled. Please enable billing on project #${PROJECT_NUMBER} by visiting https://console.developers.google.com/billing/enable?project=${PROJECT_NUMBER} then retry., BILLING_DISABLED`,
  'quota-exceeded': () =>
    'googleapi: Error 403: Maximum number of service accounts on project reached., forbidden',
  'rate-limited': () =>
    `googleapi: Error 429: Quota exceeded for quota metric 'Service Account Admin requests' and limit 'Service Account Admin requests per minute' of service 'iam.googleapis.com' for consumer 'project_number:${PROJECT_NUMBER}'., rateLimitExceeded`,
  'already-exists': forProvider =>
    `googleapi: Error 409: Already Exists: Dataset ${projectOf(
      forProvider,
    )}:${String(forProvider.datasetId ?? 'dataset')}, duplicate`,
  'invalid-location': forProvider =>
    `googleapi: Error 400: Invalid value for location: ${String(
      forProvider.location ?? '',
    )} is not a valid value, invalid`,
  'location-not-allowed': forProvider =>
    `googleapi: Error 412: Location ${String(
      forProvider.location ?? '',
    )} violates constraint constraints/gcp.resourceLocations on the resource projects/${projectOf(
      forProvider,
    )}., conditionNotMet`,
  'member-not-allowed': () =>
    'googleapi: Error 400: One or more users named in the policy do not belong to a permitted customer,  perhaps due to an organization policy., badRequest',
  'service-account-recreated': forProvider =>
    `googleapi: Error 400: Service account ${String(
      forProvider.serviceAccountId ?? forProvider.member ?? 'dp',
    ).replace(/^.*\//, '')} does not exist., badRequest`,
};

/** The names the stand-in knows. */
export const NAMED_FAILURES = Object.keys(namedFailures);

/** Google's message for a named failure, or undefined for another value. */
export function namedFailureMessage(
  name: string,
  forProvider: Fields,
): string | undefined {
  return Object.hasOwn(namedFailures, name)
    ? namedFailures[name](forProvider)
    : undefined;
}
