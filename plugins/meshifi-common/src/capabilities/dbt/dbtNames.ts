import { digest } from '../../naming/digest';

/** A CronJob's name leaves room for the 11 characters its Jobs add. */
export const CRONJOB_NAME_MAX_LENGTH = 52;

const SUFFIX = '-dbt';
const HASH_LENGTH = 13;

/**
 * The name of the product's dbt ServiceAccount, ConfigMap and CronJob:
 * `<product>-dbt`. A product name too long for a CronJob's name is cut and
 * given a hash of the whole name (`<first 34>-<13 of SHA-256>-dbt`, exactly
 * 52 characters), so that two products of a namespace never share one:
 * short names are at most 51 characters, and two long names that start
 * alike still differ.
 */
export function dbtObjectName(product: string): string {
  const whole = `${product}${SUFFIX}`;
  if (whole.length < CRONJOB_NAME_MAX_LENGTH) {
    return whole;
  }
  const room = CRONJOB_NAME_MAX_LENGTH - SUFFIX.length - 1 - HASH_LENGTH;
  // A name must not have "--" where the cut ends with a dash.
  const cut = product.slice(0, room).replace(/-$/, '0');
  return `${cut}-${digest(product, HASH_LENGTH)}${SUFFIX}`;
}

/** The name of the IAM member letting the ServiceAccount act as the product's. */
export function dbtWorkloadIdentityName(product: string): string {
  return `${product}-dbt-workload-identity`;
}
