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

/**
 * The products a repository holds, by name and by service account id, to
 * check new ones against: built once, each check is then a lookup, so that
 * a whole repository can be checked product by product.
 */
export class ProductIndex {
  private readonly pathOfName = new Map<string, string>();
  private readonly holderOfAccountId = new Map<
    string,
    { name: string; path: string }
  >();

  /** The products of a repository, from their paths (a file's path equals its content). */
  static fromPaths(paths: string[]): ProductIndex {
    const index = new ProductIndex();
    for (const path of paths) {
      const name = PRODUCT_PATH.exec(path)?.[1];
      if (name && !nameProblem(name)) {
        index.add(name, path);
      }
    }
    return index;
  }

  /** Adds a product with a valid name, kept at a path; the first one at a name keeps it. */
  add(name: string, path: string): void {
    if (!this.pathOfName.has(name)) {
      this.pathOfName.set(name, path);
    }
    const accountId = serviceAccountId(name);
    if (!this.holderOfAccountId.has(accountId)) {
      this.holderOfAccountId.set(accountId, { name, path });
    }
  }

  /** Why a product cannot join these, or undefined when it can. */
  conflictOf(product: DataProduct): string | undefined {
    const name = product.spec.info.name;
    const taken = this.pathOfName.get(name);
    if (taken !== undefined) {
      return `A data product named "${name}" already exists (${printablePath(
        taken,
      )}): product names are unique across all domains. Pick another name.`;
    }
    const accountId = serviceAccountId(name);
    const holder = this.holderOfAccountId.get(accountId);
    if (holder) {
      return `The data product "${name}" would get the service account ${accountId}, which "${
        holder.name
      }" (${printablePath(holder.path)}) already has. Pick another name.`;
    }
    return undefined;
  }
}

/** Why a domain cannot join these domains, or undefined when it can: no two share a GCP project. */
export function domainConflict(
  domain: DataDomain,
  domains: DataDomain[],
): string | undefined {
  const sharing = domains.find(
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
    ? domainConflict(manifest, content.domains)
    : ProductIndex.fromPaths(content.paths).conflictOf(manifest);
}
