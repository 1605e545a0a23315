import { productStatusOf } from '../lifecycle/productStatus';
import { DataProduct } from '../model/types';

/**
 * What a reader of an exported contract or product must know about its end:
 * until when a deprecated product is served and what replaces it, or that a
 * retired product is no longer served. Undefined for a product in service.
 */
export function deprecationInWords(product: DataProduct): string | undefined {
  const status = productStatusOf(product);
  if (status === 'retired') {
    return 'This product is retired: it is no longer served.';
  }
  const deprecation = product.spec.deprecation;
  if (status !== 'deprecated' || !deprecation) {
    return undefined;
  }
  const instead = deprecation.replacedBy
    ? ` Use ${deprecation.replacedBy} instead.`
    : '';
  const why = deprecation.reason ? ` ${deprecation.reason}` : '';
  return `This product is deprecated: it is served until ${deprecation.date}.${instead}${why}`;
}
