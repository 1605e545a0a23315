import { DataDomain, DataProduct } from '../model/types';
import { assertValidName } from '../naming/productName';

/**
 * Where a manifest lives in the GitOps repository: one file per product,
 * grouped by domain. Names are validated first, so no path can leave its
 * folder.
 */
export function gitopsPath(manifest: DataProduct | DataDomain): string {
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

/** Whether a repository file is one meshifi reads. */
export function isGitopsManifestPath(file: string): boolean {
  return /^(domains\/[^/]+\/(domain\.yaml|products\/[^/]+\.yaml)|products\/[^/]+\.yaml)$/.test(
    file,
  );
}

/** The folders of a GitOps repository that hold meshifi's manifests, and nothing else. */
export const MESHIFI_FOLDERS: readonly string[] = ['domains', 'products'];

/** Whether a repository path is inside a folder where meshifi keeps manifests. */
export function isInMeshifiFolder(file: string): boolean {
  return MESHIFI_FOLDERS.includes(file.split('/')[0]);
}
