import { assertValidName } from '../naming/productName';

/**
 * Which files of the GitOps repository hold the products of `domain`, as
 * .gitignore patterns (a Flux GitRepository's spec.ignore): the YAML files
 * of the domain's products folder, nothing above or below it. Each folder
 * above is re-included on its own, so git's matcher and Flux's agree.
 * The domain name is checked first: a DNS label holds no pattern character.
 */

export function domainProductsIgnore(domain: string): string {
  assertValidName(domain, 'domain name');
  const products = `/domains/${domain}/products`;
  return [
    '/*',
    '!/domains/',
    '/domains/*',
    `!/domains/${domain}/`,
    `/domains/${domain}/*`,
    `!${products}/`,
    `${products}/*`,
    `!${products}/*.yaml`,
    `${products}/*/`,
    '',
  ].join('\n');
}
