import { CatalogApi } from '@backstage/catalog-client';
import { nameProblem } from '@meshifi/common';

/**
 * What is wrong with a product name, with the same rules the server applies
 * and the catalog's word on whether it is taken; undefined when it is free.
 */
export async function productNameProblem(
  name: string | undefined,
  catalogApi: CatalogApi,
): Promise<string | undefined> {
  const problem = nameProblem(name, 'product name');
  if (problem) {
    return problem;
  }
  const existing = await catalogApi.getEntityByRef(
    `dataproduct:default/${name}`,
  );
  if (existing) {
    return `"${name}" is taken: a data product with this name exists, owned by ${
      existing.spec?.owner ?? 'another team'
    }. Pick another name.`;
  }
  return undefined;
}
