import { DataProduct } from '../model/types';
import { productStatusOf } from './productStatus';

/**
 * Why nobody may be given access to a product any more, or undefined when
 * they may: a retired product is no longer served, so a grant on it would
 * promise data nobody keeps.
 */
export function retiredAccessProblem(product: DataProduct): string | undefined {
  if (productStatusOf(product) !== 'retired') {
    return undefined;
  }
  const name = product.spec.info.title ?? product.spec.info.name;
  const replacement = product.spec.deprecation?.replacedBy;
  return replacement
    ? `${name} is retired and no longer served: ask for access to ${replacement}, which replaces it.`
    : `${name} is retired and no longer served: nobody can be given access to it any more.`;
}
