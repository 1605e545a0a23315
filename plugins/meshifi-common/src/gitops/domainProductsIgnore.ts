import { assertValidName } from '../naming/productName';

/** The folders of a domain whose files its products' Kustomization applies. */
const DOMAIN_APPLIED_FOLDERS = ['products', 'access'];

/**
 * Which files of the GitOps repository hold the products of `domain` and
 * their access grants, as .gitignore patterns (a Flux GitRepository's
 * spec.ignore): the YAML files of the domain's products and access folders,
 * nothing above or below them. Each folder above is re-included on its own,
 * so git's matcher and Flux's agree. The domain name is checked first: a
 * DNS label holds no pattern character.
 */
export function domainProductsIgnore(domain: string): string {
  assertValidName(domain, 'domain name');
  const folders = DOMAIN_APPLIED_FOLDERS.flatMap(name => {
    const folder = `/domains/${domain}/${name}`;
    return [`!${folder}/`, `${folder}/*`, `!${folder}/*.yaml`, `${folder}/*/`];
  });
  return [
    '/*',
    '!/domains/',
    '/domains/*',
    `!/domains/${domain}/`,
    `/domains/${domain}/*`,
    ...folders,
    '',
  ].join('\n');
}
