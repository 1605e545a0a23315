import { PRODUCTS_OF_NO_DOMAIN } from '../constants';

/** The namespace of the products of no domain. */
export const NO_DOMAIN_NAMESPACE = 'default';

/** The `LABELS.productsOf` value of the Kustomization that applies a namespace's product files. */
export function productsOfNamespace(namespace: string): string {
  return namespace === NO_DOMAIN_NAMESPACE ? PRODUCTS_OF_NO_DOMAIN : namespace;
}

/** The namespace whose product files a Kustomization labelled `LABELS.productsOf` = `value` applies. */
export function namespaceOfProductsOf(value: string): string {
  return value === PRODUCTS_OF_NO_DOMAIN ? NO_DOMAIN_NAMESPACE : value;
}
