import { capabilityProblems } from '../capabilities/productCapabilities';
import { DataProduct } from '../model/types';
import { nameProblem } from '../naming/productName';
import { reservedNameProblem } from '../naming/reservedNames';
import { dataProductSpecSchema } from '../schema/dataProductSchema';
import { contractProblems } from './contractProblems';
import { Problem, Validated } from './Problem';
import { manifestSchema } from './manifestSchema';
import { schemaValidator } from './schemaValidator';

const validateSchema = schemaValidator<DataProduct>(
  manifestSchema('DataProduct', dataProductSpecSchema, 'metadata.name'),
);

/** Rules a schema cannot say: they compare fields with each other. */
function crossFieldProblems(product: DataProduct): Problem[] {
  const problems: Problem[] = [];
  const nameIssue = nameProblem(product.spec.info.name, 'product name');
  if (nameIssue) {
    // A clearer message than the pattern's; replaces it below.
    problems.push({ path: 'spec.info.name', message: nameIssue });
  }
  if (product.metadata.name !== product.spec.info.name) {
    problems.push({
      path: 'metadata.name',
      message: `metadata.name ("${product.metadata.name}") must equal the product name ("${product.spec.info.name}"), so that one product cannot take another's datasets.`,
    });
  }
  const domain = product.spec.domain;
  const domainIssue = domain
    ? nameProblem(domain, 'domain name') ?? reservedNameProblem(domain)
    : undefined;
  if (domainIssue) {
    problems.push({ path: 'spec.domain', message: domainIssue });
  }
  const namespace = product.metadata.namespace;
  if (namespace !== undefined && namespace !== (domain ?? 'default')) {
    problems.push({
      path: 'metadata.namespace',
      message: `metadata.namespace ("${namespace}") must be the product's domain ("${
        domain ?? 'default'
      }"): a product lives in its domain's namespace and nowhere else.`,
    });
  }
  const seen = new Set<string>();
  product.spec.access.owners.forEach((owner, index) => {
    const key = owner.toLowerCase();
    if (seen.has(key)) {
      problems.push({
        path: `spec.access.owners.${index}`,
        message: `The owner ${owner} is listed twice: list each owner once.`,
      });
    }
    seen.add(key);
  });
  return [
    ...problems,
    ...contractProblems(product),
    ...capabilityProblems(product),
  ];
}

/**
 * Checks a DataProduct manifest against the schema and the rules between its
 * fields. Returns every problem at once, so a form can show them together.
 */
export function validateDataProduct(manifest: unknown): Validated<DataProduct> {
  const result = validateSchema(manifest);
  if (!result.ok) {
    const product = manifest as Partial<DataProduct> | undefined;
    const name = product?.spec?.info?.name;
    const nameIssue =
      name === undefined ? undefined : nameProblem(name, 'product name');
    const problems = result.problems.map(problem =>
      nameIssue && problem.path === 'spec.info.name'
        ? { ...problem, message: nameIssue }
        : problem,
    );
    return { ok: false, problems };
  }
  const problems = crossFieldProblems(result.value);
  return problems.length ? { ok: false, problems } : result;
}
