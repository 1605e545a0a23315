import { MedallionLayer } from '../constants';
import { PRODUCT_NAME_MAX_LENGTH } from '../naming/productName';
import { digest } from '../naming/digest';

const DIGEST_LENGTH = 8;

/**
 * The name of the DataAccess that gives `consumerEmail` a layer of `product`:
 * the product's name and a digest of whom and what, so that asking twice for
 * the same access names the same grant (a duplicate is found by its name),
 * and access of two consumers never shares a file. At most 63 characters:
 * the grant's name labels what it composes.
 */
export function grantNameOf(
  product: string,
  consumerEmail: string,
  layer: MedallionLayer,
): string {
  const suffix = digest(
    `${consumerEmail.toLocaleLowerCase('en-US')}|${layer}`,
    DIGEST_LENGTH,
  );
  const room = PRODUCT_NAME_MAX_LENGTH - DIGEST_LENGTH - 1;
  const prefix = product.slice(0, room).replace(/-+$/, '');
  return `${prefix}-${suffix}`;
}
