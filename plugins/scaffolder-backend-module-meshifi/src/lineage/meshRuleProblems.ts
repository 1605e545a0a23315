import {
  contractSnapshotOf,
  DataProduct,
  meshProblems,
  Problem,
  versionRuleProblems,
} from '@meshifi/common';
import { ProductFile } from './productsAt';

/**
 * What publishing `product` at `path` would break in the mesh: the version
 * rule against the product as the repository has it at that path (a change
 * that breaks its readers needs a new major version), and the rules of
 * lineage against every product there (inputs that exist, no loops, no
 * table or product others read taken away).
 */
export function meshRuleProblems(
  product: DataProduct,
  path: string,
  products: ReadonlyMap<string, ProductFile>,
): Problem[] {
  const existing = products.get(path)?.product;
  return [
    ...(existing
      ? versionRuleProblems(
          contractSnapshotOf(existing),
          contractSnapshotOf(product),
        )
      : []),
    ...meshProblems(
      product,
      [...products.values()].map(file => file.product),
    ),
  ];
}
