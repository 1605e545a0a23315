import { DataDomain, DataProduct, ValidationError } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { meshRuleProblems } from './meshRuleProblems';
import { productsAt } from './productsAt';

/**
 * The error for what putting a product at `path` would break in the mesh
 * as the GitOps repository has it at `commit` (see meshRuleProblems), with
 * every problem, or undefined; nothing for a domain. The file already there
 * identical (a retried task) changes nothing.
 */
export async function meshRefusal(
  repository: GitOpsRepository,
  commit: string,
  manifest: DataProduct | DataDomain,
  path: string,
  content: string,
): Promise<ValidationError | undefined> {
  if (manifest.kind !== 'DataProduct') {
    return undefined;
  }
  const products = await productsAt(repository, commit);
  if (products.get(path)?.content === content) {
    return undefined;
  }
  const problems = meshRuleProblems(manifest, path, products);
  return problems.length ? new ValidationError(problems) : undefined;
}
