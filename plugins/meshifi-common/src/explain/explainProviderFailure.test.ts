import fc from 'fast-check';
import { explainProviderFailure } from './explainProviderFailure';
import { ProviderFailureId } from './providerFailures';

/** How provider-gcp's Terraform layer reports a failed create. */
const createFailed = (terraform: string) =>
  `create failed: async create failed: failed to create the resource: [{0 ${terraform}  []}]`;

const dataset = { what: 'the raw dataset', project: 'acme-sales-data' };

/**
 * Google's errors as provider-gcp writes them into a managed resource's
 * Synced condition: the Terraform summary, then googleapi's "Error <code>:
 * <message>, <reason>".
 */
const knownFailures: Array<[ProviderFailureId, string]> = [
  [
    'permission-denied',
    createFailed(
      'Error creating Dataset: googleapi: Error 403: Access Denied: Project acme-sales-data: User does not have bigquery.datasets.create permission in project acme-sales-data., accessDenied',
    ),
  ],
  [
    'permission-denied',
    createFailed(
      "Error creating service account: googleapi: Error 403: Permission 'iam.serviceAccounts.create' denied on resource (or it may not exist)., forbidden",
    ),
  ],
  [
    'api-disabled',
    createFailed(
      'Error creating Dataset: googleapi: Error 403: BigQuery API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/bigquery.googleapis.com/overview?project=123456789012 then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry., accessNotConfigured',
    ),
  ],
  [
    'api-disabled',
    createFailed(
      'Error creating service account: googleapi: Error 403: Identity and Access Management (IAM) API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/iam.googleapis.com/overview?project=123456789012 then retry., forbidden',
    ),
  ],
  [
    'billing-disabled',
    createFailed(
      'Error creating Dataset: googleapi: Error 403: Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing., billingNotEnabled',
    ),
  ],
  [
    'billing-disabled',
    createFailed(
      'Error creating service account: googleapi: Error 403: This API method requires billing to be enabled. Please enable billing on project #123456789012 by visiting https://console.developers.google.com/billing/enable?project=123456789012 then retry., BILLING_DISABLED',
    ),
  ],
  [
    'quota-exceeded',
    createFailed(
      'Error creating service account: googleapi: Error 403: Maximum number of service accounts on project reached., forbidden',
    ),
  ],
  [
    'quota-exceeded',
    createFailed(
      'Error creating Dataset: googleapi: Error 403: Quota exceeded: Your project exceeded quota for datasets per project., quotaExceeded',
    ),
  ],
  [
    'rate-limited',
    createFailed(
      "Error creating service account: googleapi: Error 429: Quota exceeded for quota metric 'Service Account Admin requests' and limit 'Service Account Admin requests per minute' of service 'iam.googleapis.com' for consumer 'project_number:123456789012'., rateLimitExceeded",
    ),
  ],
  [
    'already-exists',
    createFailed(
      'Error creating Dataset: googleapi: Error 409: Already Exists: Dataset acme-sales-data:orders_raw, duplicate',
    ),
  ],
  [
    'already-exists',
    createFailed(
      'Error creating service account: googleapi: Error 409: Service account dp-orders-abc already exists within project projects/acme-sales-data., alreadyExists',
    ),
  ],
  [
    'invalid-location',
    createFailed(
      'Error creating Dataset: googleapi: Error 400: Invalid value for location: mars-north1 is not a valid value, invalid',
    ),
  ],
  [
    'location-not-allowed',
    createFailed(
      'Error creating Dataset: googleapi: Error 412: Location US violates constraint constraints/gcp.resourceLocations on the resource projects/acme-sales-data., conditionNotMet',
    ),
  ],
  [
    'member-not-allowed',
    "create failed: async create failed: failed to create the resource: [{0 Error applying IAM policy for service account 'projects/acme-sales-data/serviceAccounts/dp-orders@acme-sales-data.iam.gserviceaccount.com': Error setting IAM policy for service account 'projects/acme-sales-data/serviceAccounts/dp-orders@acme-sales-data.iam.gserviceaccount.com': googleapi: Error 400: One or more users named in the policy do not belong to a permitted customer,  perhaps due to an organization policy., badRequest  []}]",
  ],
  [
    'member-not-allowed',
    createFailed(
      'Error applying IAM policy for project "acme-sales-data": Error setting IAM policy for project "acme-sales-data": googleapi: Error 400: One or more users named in the policy do not belong to a permitted customer.\nDetails:\n[\n  {\n    "@type": "type.googleapis.com/google.rpc.PreconditionFailure",\n    "violations": [\n      {\n        "type": "constraints/iam.allowedPolicyMemberDomains"\n      }\n    ]\n  }\n]\n, failedPrecondition',
    ),
  ],
  [
    'service-account-recreated',
    createFailed(
      'Error applying IAM policy for Bigquery Dataset acme-sales-data/orders_raw: googleapi: Error 400: Service account dp-orders@acme-sales-data.iam.gserviceaccount.com does not exist., badRequest',
    ),
  ],
];

describe('explainProviderFailure', () => {
  it.each(knownFailures)('recognises %s in %s', (id, message) => {
    const explanation = explainProviderFailure(message, dataset);
    expect(explanation.id).toBe(id);
    expect(explanation.details).toBe(message);
  });

  it('tells what happened in the analyst terms, and who fixes it', () => {
    const [, denied] = knownFailures[0];
    expect(explainProviderFailure(denied, dataset)).toEqual({
      id: 'permission-denied',
      happened:
        "Google Cloud refused to create the raw dataset: meshifi's platform account lacks a permission in the project acme-sales-data.",
      toDo: expect.stringContaining('Ask the platform team'),
      fixer: 'platform-team',
      details: denied,
    });
  });

  it('names the API that is switched off', () => {
    const iam = knownFailures.find(
      ([id, message]) => id === 'api-disabled' && message.includes('IAM'),
    )![1];
    expect(
      explainProviderFailure(iam, { what: 'the service account' }).happened,
    ).toBe(
      'Google Cloud could not create the service account because the Identity and Access Management (IAM) API is switched off.',
    );
  });

  it('names the owner an organisation policy refuses, and lets the analyst fix it', () => {
    const [, refused] = knownFailures.find(
      ([id]) => id === 'member-not-allowed',
    )!;
    const explanation = explainProviderFailure(refused, {
      what: "ana@partner.example's right to act as the service account",
      member: 'user:ana@partner.example',
    });
    expect(explanation.happened).toContain('ana@partner.example');
    expect(explanation.fixer).toBe('you');
  });

  it('says the failures that pass by themselves need nobody', () => {
    const passing = knownFailures
      .filter(
        ([id]) => id === 'rate-limited' || id === 'service-account-recreated',
      )
      .map(([, message]) => explainProviderFailure(message, dataset));
    expect(passing.map(e => e.fixer)).toEqual(['nobody', 'nobody']);
  });

  it('falls back for a message it does not know, keeping it for the engineer', () => {
    const message =
      'observe failed: cannot run refresh: refresh failed: unexpected EOF';
    expect(explainProviderFailure(message, dataset)).toEqual({
      id: 'unknown',
      happened:
        'Google Cloud did not create the raw dataset, for a reason meshifi does not recognise.',
      toDo: expect.stringContaining('platform team'),
      fixer: 'platform-team',
      details: message,
    });
  });

  it('explains any text, hostile or not, without throwing and keeps it verbatim', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 2000 }),
        fc.string({ maxLength: 80 }),
        (message, what) => {
          const explanation = explainProviderFailure(message, { what });
          expect(explanation.details).toBe(message);
          expect(explanation.happened.length).toBeGreaterThan(0);
          expect(explanation.toDo.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
