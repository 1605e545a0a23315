import { DataDomain, DataProduct } from '../model/types';
import { nameProblem } from '../naming/productName';
import { serviceAccountId } from '../naming/serviceAccountId';
import { printablePath } from './readGitopsFile';

/** What the GitOps repository holds at the commit a new manifest goes onto. */
export interface RepositoryContent {
  /** Every file's path. */
  paths: string[];
  /** The domains it defines (their files read with readGitopsFile). */
  domains: DataDomain[];
}

const PRODUCT_PATH = /^(?:domains\/[^/]+\/)?products\/([^/]+)\.yaml$/;

/** The products of a repository, by name, from their paths (a file's path equals its content). */
function productPaths(paths: string[]): Map<string, string> {
  const products = new Map<string, string>();
  for (const path of paths) {
    const name = PRODUCT_PATH.exec(path)?.[1];
    if (name && !nameProblem(name)) {
      products.set(name, path);
    }
  }
  return products;
}

function productConflict(
  product: DataProduct,
  content: RepositoryContent,
): string | undefined {
  const name = product.spec.info.name;
  const accountId = serviceAccountId(name);
  for (const [other, path] of productPaths(content.paths)) {
    if (other === name) {
      return `A data product named "${name}" already exists (${printablePath(
        path,
      )}): product names are unique across all domains. Pick another name.`;
    }
    if (serviceAccountId(other) === accountId) {
      return `The data product "${name}" would get the service account ${accountId}, which "${other}" (${printablePath(
        path,
      )}) already has. Pick another name.`;
    }
  }
  return undefined;
}

function domainConflict(
  domain: DataDomain,
  content: RepositoryContent,
): string | undefined {
  const sharing = content.domains.find(
    other =>
      other.metadata.name !== domain.metadata.name &&
      other.spec.gcpProject === domain.spec.gcpProject,
  );
  return sharing
    ? `The GCP project ${domain.spec.gcpProject} already belongs to the domain "${sharing.metadata.name}": each domain has a project of its own. Ask the platform team for a new project.`
    : undefined;
}

/**
 * Why a manifest cannot join the repository as it is now, or undefined when
 * it can: product names are unique across every domain (they are catalog
 * entity names), no two products share a service account id, and no two
 * domains share a GCP project. Checked inside the serialized publish,
 * against the tree the commit goes onto, so that two requests at once, or a
 * catalog that has not caught up, cannot both pass.
 */
export function publishConflict(
  manifest: DataProduct | DataDomain,
  content: RepositoryContent,
): string | undefined {
  return manifest.kind === 'DataDomain'
    ? domainConflict(manifest, content)
    : productConflict(manifest, content);
}
