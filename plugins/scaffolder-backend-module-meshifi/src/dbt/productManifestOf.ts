import { InputError } from '@backstage/errors';
import {
  DataProduct,
  validateDataProduct,
  ValidationError,
} from '@meshifi/common';
import { parse } from 'yaml';

/**
 * The DataProduct a dbt step is given as YAML text (the create step's
 * output manifest), checked as the create step checked it: its names, and
 * its spec.capabilities.dbt's repository and folder, are safe to use. An
 * InputError (a ValidationError with every problem) otherwise.
 */
export function productManifestOf(text: string): DataProduct {
  let manifest: unknown;
  try {
    manifest = parse(text);
  } catch (error) {
    throw new InputError(
      "The manifest is not YAML: give this step the create step's output manifest.",
      error,
    );
  }
  const validated = validateDataProduct(manifest);
  if (!validated.ok) {
    throw new ValidationError(validated.problems);
  }
  return validated.value;
}
