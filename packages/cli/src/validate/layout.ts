import { isGitopsManifestPath, isInMeshifiFolder } from '@meshifi/common';

/**
 * What a path of the repository is to meshifi:
 * - `manifest`: where a DataProduct, DataDomain or DataAccess (an access
 *   grant) lives, read and checked;
 * - `misplaced`: inside meshifi's folders but not at a manifest's place,
 *   which the platform would silently ignore;
 * - `other`: anything else of the repository (a README, CI files), not
 *   meshifi's, looked at only when it is YAML that may hold a manifest.
 */
export type PathPlace = 'manifest' | 'misplaced' | 'other';

export function placeOf(path: string): PathPlace {
  if (isGitopsManifestPath(path)) {
    return 'manifest';
  }
  return isInMeshifiFolder(path) ? 'misplaced' : 'other';
}

/**
 * Whether the walk skips a folder or file outside meshifi's folders: git's
 * own, hidden ones (.github, .gitlab-ci.yml: CI, not meshifi) and installed
 * packages.
 */
export function isSkipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Whether a file outside meshifi's folders is YAML, which may hold a lost manifest. */
export function isYaml(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** Whether YAML content declares a meshifi manifest. */
export function declaresMeshifiManifest(content: string): boolean {
  return /^\s*apiVersion:\s*["']?meshifi\.io\//m.test(content);
}
