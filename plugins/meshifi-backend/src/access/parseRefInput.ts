import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity ref a form sent, in full (kind and namespace), or an InputError
 * that tells the person what to pick instead.
 */
export function parseRefInput(
  ref: unknown,
  defaultKind: string,
  what: string,
): string {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > 255) {
    throw new InputError(`Pick the ${what} on the form.`);
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    throw new InputError(
      `"${ref.slice(0, 80)}" does not name a ${what}: pick one on the form.`,
    );
  }
}
