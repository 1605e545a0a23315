import { PRODUCTS_OF_NO_DOMAIN } from '../constants';
import {
  namespaceOfProductsOf,
  NO_DOMAIN_NAMESPACE,
  productsOfNamespace,
} from './productsOf';

describe('productsOf', () => {
  it("maps the products of no domain to 'none' and back, and a domain to itself", () => {
    expect(productsOfNamespace(NO_DOMAIN_NAMESPACE)).toBe(
      PRODUCTS_OF_NO_DOMAIN,
    );
    expect(namespaceOfProductsOf(PRODUCTS_OF_NO_DOMAIN)).toBe('default');
    expect(productsOfNamespace('sales')).toBe('sales');
    expect(namespaceOfProductsOf('sales')).toBe('sales');
  });
});
