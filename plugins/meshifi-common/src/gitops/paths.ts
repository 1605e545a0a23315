import { DataAccess, DataDomain, DataProduct } from '../model/types';
import { assertValidName } from '../naming/productName';
import { NO_DOMAIN_NAMESPACE } from '../status/productsOf';

/**
 * Where a manifest lives in the GitOps repository: one file per product and
 * per access grant, grouped by domain. A grant sits beside its product's
 * folder (its namespace is its product's domain), so the same Flux
 * Kustomization applies both. Names are validated first, so no path can
 * leave its folder.
 */
export function gitopsPath(
  manifest: DataProduct | DataDomain | DataAccess,
): string {
  if (manifest.kind === 'DataAccess') {
    return grantPath(manifest);
  }
  if (manifest.kind === 'DataDomain') {
    assertValidName(manifest.metadata.name, 'domain name');
    return `domains/${manifest.metadata.name}/domain.yaml`;
  }
  const name = manifest.spec.info.name;
  assertValidName(name, 'product name');
  const domain = manifest.spec.domain;
  if (!domain) {
    return `products/${name}.yaml`;
  }
  assertValidName(domain, 'domain name');
  return `domains/${domain}/products/${name}.yaml`;
}

function grantPath(grant: DataAccess): string {
  const name = grant.metadata.name;
  assertValidName(name, 'grant name');
  const namespace = grant.metadata.namespace ?? NO_DOMAIN_NAMESPACE;
  if (namespace === NO_DOMAIN_NAMESPACE) {
    return `access/${name}.yaml`;
  }
  assertValidName(namespace, 'domain name');
  return `domains/${namespace}/access/${name}.yaml`;
}

/** Whether a repository file is one meshifi reads. */
export function isGitopsManifestPath(file: string): boolean {
  return /^(domains\/[^/]+\/(domain\.yaml|(products|access)\/[^/]+\.yaml)|(products|access)\/[^/]+\.yaml)$/.test(
    file,
  );
}

/** Whether a repository file is an access grant's (see gitopsPath). */
export function isGrantPath(file: string): boolean {
  return /^(domains\/[^/]+\/)?access\/[^/]+\.yaml$/.test(file);
}

/** The folders of a GitOps repository that hold meshifi's manifests, and nothing else. */
export const MESHIFI_FOLDERS: readonly string[] = [
  'domains',
  'products',
  'access',
];

/** Whether a repository path is inside a folder where meshifi keeps manifests. */
export function isInMeshifiFolder(file: string): boolean {
  return MESHIFI_FOLDERS.includes(file.split('/')[0]);
}
