import {
  DataProduct,
  GITOPS_FILE_LIMITS,
  isGitopsManifestPath,
  readGitopsFile,
} from '@meshifi/common';
import { git, readFiles } from '@meshifi/node';

const PRODUCT_FILE = /^(domains\/[^/]+\/)?products\/[^/]+\.yaml$/;

/**
 * The data products of a commit of the repository at `root`, by path: what
 * the version rule compares the working tree's products with. A file that
 * does not read as a product there gives none: there is no version to keep.
 */
export async function readBaseProducts(
  root: string,
  commit: string,
): Promise<Map<string, DataProduct>> {
  const listed = await git(
    ['ls-tree', '-r', '-z', '--name-only', commit, '--', 'domains', 'products'],
    { cwd: root },
  );
  const paths = listed
    .split('\0')
    .filter(file => PRODUCT_FILE.test(file) && isGitopsManifestPath(file));
  const { contents } = await readFiles(
    root,
    commit,
    paths,
    GITOPS_FILE_LIMITS.maxBytes,
  );
  const products = new Map<string, DataProduct>();
  for (const [file, content] of contents) {
    const read = readGitopsFile(file, content);
    if (read.ok && read.manifest.kind === 'DataProduct') {
      products.set(file, read.manifest);
    }
  }
  return products;
}
