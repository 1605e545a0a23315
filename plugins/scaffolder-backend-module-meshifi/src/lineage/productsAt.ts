import { DataProduct, readGitopsFile } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';

/** A product file of the GitOps repository, as it is at a commit. */
export interface ProductFile {
  path: string;
  content: string;
  product: DataProduct;
}

const PRODUCT_FILE = /^(domains\/[^/]+\/)?products\/[^/]+\.yaml$/;

/**
 * Every data product of the GitOps repository at a commit, by path: the
 * mesh the lineage rules judge a product against. A file that does not read
 * as a product (broken, or too large) is left out: it is no product anyone
 * can read from.
 */
export async function productsAt(
  repository: GitOpsRepository,
  commit: string,
): Promise<Map<string, ProductFile>> {
  const paths = await repository.listFiles(commit);
  const { contents } = await repository.readFiles(
    commit,
    paths.filter(path => PRODUCT_FILE.test(path)),
  );
  const products = new Map<string, ProductFile>();
  for (const [path, content] of contents) {
    const read = readGitopsFile(path, content);
    if (read.ok && read.manifest.kind === 'DataProduct') {
      products.set(path, { path, content, product: read.manifest });
    }
  }
  return products;
}
