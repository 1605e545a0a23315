import { iamMemberName } from '../model/owners';

/**
 * The failures a data-product platform on Google Cloud meets, told apart by
 * the error Google returns through the Crossplane provider. Google's errors
 * carry an HTTP code and a reason word at the end ("…, accessDenied"); the
 * patterns match those and the sentence Google uses, not Terraform's or
 * Crossplane's wrapping around them, so that the same failure is recognised
 * whichever resource or provider version reports it.
 */

/** Who can fix a failure. */
export type FailureFixer =
  /** The analyst, by changing the product (its location, its owners). */
  | 'you'
  /** The owners of the product's domain. */
  | 'domain-owners'
  /** The platform team, who run meshifi and its Google Cloud credentials. */
  | 'platform-team'
  /** Nobody: it passes by itself and the provider retries. */
  | 'nobody';

/** What the explanation may say about the resource that failed. */
export interface FailureSubject {
  /** What the resource is for, e.g. "the raw dataset". */
  what: string;
  project?: string;
  location?: string;
  /** The IAM member being granted, e.g. user:ana@example.com. */
  member?: string;
}

/** One kind of failure: how to recognise it and what to tell the analyst. */
export interface ProviderFailure {
  id: ProviderFailureId;
  /** Any of these in Google's message identifies the failure. */
  patterns: RegExp[];
  /** What happened, in one sentence in the analyst's terms. */
  happened(subject: FailureSubject, message: string): string;
  /** What to do about it, in one sentence. */
  toDo: string;
  fixer: FailureFixer;
}

export type ProviderFailureId =
  | 'permission-denied'
  | 'api-disabled'
  | 'billing-disabled'
  | 'quota-exceeded'
  | 'rate-limited'
  | 'already-exists'
  | 'invalid-location'
  | 'location-not-allowed'
  | 'member-not-allowed'
  | 'service-account-recreated'
  | 'unknown';

const inProject = (subject: FailureSubject) =>
  subject.project ? ` in the project ${subject.project}` : '';

/** The API a disabled-API error names, e.g. "BigQuery API". */
function disabledApi(message: string): string {
  const named = /([A-Z][\w ()]{0,80}? API) has not been used/.exec(message);
  return named ? `the ${named[1]}` : 'a Google Cloud API meshifi needs';
}

/**
 * Ordered: the first failure whose pattern matches wins. The more specific
 * come first (an organisation policy is also a 400, a disabled API also a
 * 403).
 */
export const PROVIDER_FAILURES: readonly ProviderFailure[] = [
  {
    id: 'member-not-allowed',
    patterns: [
      /do not belong to a permitted customer/i,
      /iam\.allowedPolicyMemberDomains/,
    ],
    happened: subject =>
      `Your organisation does not allow ${
        subject.member ? iamMemberName(subject.member) : 'one of the owners'
      } to be given access to Google Cloud resources: only people and groups of the company's own accounts may.`,
    toDo: 'Choose owners from your company, or ask the domain owners which group to use.',
    fixer: 'you',
  },
  {
    id: 'location-not-allowed',
    patterns: [/constraints\/gcp\.resourceLocations/],
    happened: subject =>
      `Your organisation does not allow data ${
        subject.location ? `in ${subject.location} ` : ''
      }${inProject(subject)}.`,
    toDo: "Create the product in its domain's location instead, or ask the domain owners which locations are allowed.",
    fixer: 'you',
  },
  {
    id: 'api-disabled',
    patterns: [
      /has not been used in project \S+ before or it is disabled/,
      /\baccessNotConfigured\b/,
      /\bSERVICE_DISABLED\b/,
    ],
    happened: (subject, message) =>
      `Google Cloud could not create ${subject.what} because ${disabledApi(
        message,
      )} is switched off${inProject(subject)}.`,
    toDo: 'Ask the platform team to enable it; meshifi tries again on its own once it is on.',
    fixer: 'platform-team',
  },
  {
    id: 'billing-disabled',
    patterns: [
      /\bbillingNotEnabled\b/,
      /\bBILLING_DISABLED\b/,
      /Billing has not been enabled/i,
      /requires billing to be enabled/i,
    ],
    happened: subject =>
      `Google Cloud will not create ${subject.what} because ${
        subject.project ? `the project ${subject.project}` : 'the project'
      } has no billing account.`,
    toDo: 'Ask the platform team to link the project to a billing account.',
    fixer: 'platform-team',
  },
  {
    id: 'rate-limited',
    patterns: [
      /Error 429\b/,
      /\brateLimitExceeded\b/,
      /\bRATE_LIMIT_EXCEEDED\b/,
    ],
    happened: subject =>
      `Google Cloud asked meshifi to slow down while creating ${subject.what}.`,
    toDo: 'Nothing to do: it is retried automatically within a few minutes.',
    fixer: 'nobody',
  },
  {
    id: 'quota-exceeded',
    patterns: [
      /\bquotaExceeded\b/,
      /Quota exceeded/i,
      /Maximum number of service accounts/i,
    ],
    happened: subject =>
      `Google Cloud's limit${inProject(subject)} is reached, so ${
        subject.what
      } cannot be created.`,
    toDo: 'Ask the platform team to raise the quota or free some room.',
    fixer: 'platform-team',
  },
  {
    id: 'already-exists',
    patterns: [/Error 409\b/, /\balreadyExists\b/, /Already Exists/],
    happened: subject =>
      `${capitalise(subject.what)} already exists${inProject(
        subject,
      )}, made outside meshifi, so meshifi will not take it over.`,
    toDo: 'Ask the platform team whether to remove the old one or import it into meshifi.',
    fixer: 'platform-team',
  },
  {
    id: 'invalid-location',
    patterns: [
      /Invalid value for location/i,
      /Location \S+ is not (?:supported|valid)/i,
      /Invalid (?:dataset )?location/i,
    ],
    happened: subject =>
      `${
        subject.location ? `"${subject.location}"` : 'The location chosen'
      } is not a place where BigQuery can keep data.`,
    toDo: 'Create the product again with a BigQuery location such as EU or US, or leave it to the domain.',
    fixer: 'you',
  },
  {
    id: 'service-account-recreated',
    patterns: [
      /Service account \S+ does not exist/i,
      /deleted:serviceAccount:/,
      /recently deleted/i,
    ],
    happened: () =>
      "The product's service account was deleted and created again moments ago, and Google Cloud does not know the new one everywhere yet.",
    toDo: 'Nothing to do: it is retried automatically and usually clears within a few minutes.',
    fixer: 'nobody',
  },
  {
    id: 'permission-denied',
    patterns: [
      /Error 403\b/,
      /\baccessDenied\b/,
      /\bPERMISSION_DENIED\b/,
      /Permission '?[\w.]+'? denied/,
    ],
    happened: subject =>
      `Google Cloud refused to create ${
        subject.what
      }: meshifi's platform account lacks a permission${inProject(subject)}.`,
    toDo: 'Ask the platform team to give the platform account the missing role; this is not something you did wrong.',
    fixer: 'platform-team',
  },
];

/** When nothing in the table matches. */
export const UNKNOWN_FAILURE: ProviderFailure = {
  id: 'unknown',
  patterns: [],
  happened: subject =>
    `Google Cloud did not create ${subject.what}, for a reason meshifi does not recognise.`,
  toDo: 'Ask the platform team; the details below tell them what Google Cloud answered.',
  fixer: 'platform-team',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
