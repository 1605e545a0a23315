import { DataDomain } from '../model/types';
import { nameProblem } from '../naming/productName';
import { reservedNameProblem } from '../naming/reservedNames';
import { dataDomainSpecSchema } from '../schema/dataDomainSchema';
import { Validated } from './Problem';
import { manifestSchema } from './manifestSchema';
import { schemaValidator } from './schemaValidator';

const validateSchema = schemaValidator<DataDomain>(
  manifestSchema('DataDomain', dataDomainSpecSchema, 'Domain name'),
);

/**
 * Checks a DataDomain manifest. Its name becomes a Kubernetes namespace, so
 * the platform's own namespaces are refused.
 */
export function validateDataDomain(manifest: unknown): Validated<DataDomain> {
  const result = validateSchema(manifest);
  const name = (manifest as Partial<DataDomain> | undefined)?.metadata?.name;
  const nameIssue =
    typeof name === 'string'
      ? nameProblem(name, 'domain name') ?? reservedNameProblem(name)
      : undefined;
  if (!nameIssue) {
    return result;
  }
  const problems = [
    { path: 'metadata.name', message: nameIssue },
    ...(result.ok ? [] : result.problems),
  ];
  return { ok: false, problems };
}
