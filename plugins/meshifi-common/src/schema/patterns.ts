/**
 * Patterns shared by the schemas. Kubernetes evaluates them with Go's RE2,
 * the model with JavaScript: they use only syntax both understand.
 */

/** Semantic version 2.0.0. */
export const SEMVER_PATTERN =
  '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$';

/**
 * An owner: a person's email or, after `group:`, a Google group's; ASCII
 * only, as Google Cloud IAM accepts it.
 */
export const OWNER_PATTERN =
  '^(group:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$';

/** A BigQuery location: a multi-region (US, EU) or a region (europe-west2). */
export const LOCATION_PATTERN = '^(US|EU|[a-z]+-[a-z]+[1-9][0-9]*)$';

/** A Google Cloud project id. */
export const GCP_PROJECT_PATTERN = '^[a-z][-a-z0-9]{4,28}[a-z0-9]$';

/** A Backstage entity ref of a group or user, e.g. group:default/sales. */
export const OWNER_REF_PATTERN =
  '^((group|user):)?([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[A-Za-z0-9]([-._A-Za-z0-9]*[A-Za-z0-9])?$';

/**
 * A Backstage entity ref of whom a grant is for: a user, a group, or a data
 * product (whose service account reads), e.g. dataproduct:default/ledger.
 */
export const CONSUMER_REF_PATTERN =
  '^((group|user|dataproduct):)?([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[A-Za-z0-9]([-._A-Za-z0-9]*[A-Za-z0-9])?$';

/** An email address, ASCII only, as Google Cloud IAM accepts it. */
export const EMAIL_PATTERN =
  '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$';

/** The email of a Google Cloud service account: `<id>@<project>.iam.gserviceaccount.com`. */
export const SERVICE_ACCOUNT_EMAIL_PATTERN =
  '^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\\.iam\\.gserviceaccount\\.com$';

/** A calendar day as YYYY-MM-DD (whether the day exists is checked in code). */
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
