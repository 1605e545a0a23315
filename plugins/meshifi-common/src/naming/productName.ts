import { InputError } from '@backstage/errors';

/** Shortest product name: the service account id needs 6 characters. */
export const PRODUCT_NAME_MIN_LENGTH = 3;

/** Longest product name: it is a Kubernetes label value. */
export const PRODUCT_NAME_MAX_LENGTH = 63;

/** Lower-case letters, digits and dashes, starting with a letter, not ending with a dash. */
export const PRODUCT_NAME_PATTERN = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

const pattern = new RegExp(PRODUCT_NAME_PATTERN);

/**
 * What is wrong with a product or domain name, in words an analyst can act
 * on, or undefined when it is a good name.
 */
export function nameProblem(name: unknown, what = 'name'): string | undefined {
  if (typeof name !== 'string' || name.length === 0) {
    return `Give the ${what}.`;
  }
  if (name.length < PRODUCT_NAME_MIN_LENGTH) {
    return `The ${what} "${name}" is too short: use at least ${PRODUCT_NAME_MIN_LENGTH} characters.`;
  }
  if (name.length > PRODUCT_NAME_MAX_LENGTH) {
    return `The ${what} is ${name.length} characters long: use at most ${PRODUCT_NAME_MAX_LENGTH}.`;
  }
  if (!pattern.test(name)) {
    return `The ${what} "${name}" can only use lower-case letters (a-z), digits and dashes, must start with a letter and must not end with a dash, for example "customer-orders".`;
  }
  return undefined;
}

/** Throws the {@link nameProblem} of a name, if it has one, as an InputError. */
export function assertValidName(name: string, what = 'name'): void {
  const problem = nameProblem(name, what);
  if (problem) {
    throw new InputError(problem);
  }
}
