import { digest } from './digest';
import { assertValidName } from './productName';

/** GCP's limits on a service account id. */
export const SERVICE_ACCOUNT_ID_MIN_LENGTH = 6;
export const SERVICE_ACCOUNT_ID_MAX_LENGTH = 30;
export const SERVICE_ACCOUNT_ID_PATTERN = '^[a-z]([-a-z0-9]*[a-z0-9])$';

const PREFIX = 'dp-';
// 65 bits of SHA-256: finding a name whose id equals another product's
// would take longer than anyone can search.
const HASH_LENGTH = 13;

/**
 * The id of a data product's service account: `dp-<product name>`.
 *
 * A name too long for that is cut and given a hash of the whole name:
 * `dp-<first 13 characters>-<13 characters of SHA-256>`, exactly 30
 * characters. Two products never share a service account (and so its
 * token-creator grants) by accident or on purpose; the GitOps publish checks
 * uniqueness against the repository as well. Short
 * ids are at most 29 characters, so a cut id never equals a short one, and
 * two long names that share their first characters still differ.
 */
export function serviceAccountId(productName: string): string {
  assertValidName(productName, 'product name');
  const whole = `${PREFIX}${productName}`;
  if (whole.length < SERVICE_ACCOUNT_ID_MAX_LENGTH) {
    return whole;
  }
  const room = SERVICE_ACCOUNT_ID_MAX_LENGTH - PREFIX.length - 1 - HASH_LENGTH;
  // The cut must not end with a dash ("--" reads badly); swapping it for a
  // digit keeps the length, and so the uniqueness argument above.
  const cut = productName.slice(0, room).replace(/-$/, '0');
  return `${PREFIX}${cut}-${digest(productName, HASH_LENGTH)}`;
}

/** The email of a service account in a GCP project. */
export function serviceAccountEmail(
  accountId: string,
  project: string,
): string {
  return `${accountId}@${project}.iam.gserviceaccount.com`;
}
