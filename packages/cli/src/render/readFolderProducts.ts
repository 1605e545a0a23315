import {
  DataProduct,
  fileSizeProblem,
  MESHIFI_FOLDERS,
  printablePath,
  readGitopsFile,
} from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';

/** The data products of a GitOps repository folder, and the product files that did not read as one. */
export interface FolderProducts {
  products: DataProduct[];
  /** Each unreadable product file's reason, as readGitopsFile words it. */
  unreadable: string[];
}

const exists = (folder: string) =>
  fs.stat(folder).then(
    s => s.isDirectory(),
    () => false,
  );

/** Whether a folder holds meshifi's folders: the root of a GitOps repository. */
async function holdsMeshifiFolders(folder: string): Promise<boolean> {
  const held = await Promise.all(
    MESHIFI_FOLDERS.map(name => exists(path.join(folder, name))),
  );
  return held.some(Boolean);
}

/** The root a product file's place in the layout gives, if it has one. */
function layoutRootOf(productFile: string): string | undefined {
  const folder = path.dirname(path.resolve(productFile));
  if (path.basename(folder) !== 'products') {
    return undefined;
  }
  const domainsFolder = path.dirname(path.dirname(folder));
  return path.basename(domainsFolder) === 'domains'
    ? path.dirname(domainsFolder)
    : path.dirname(folder);
}

/**
 * The GitOps repository folder a product file belongs to, found as its
 * domain file is: the root its place in the layout gives
 * (domains/<domain>/products/<name>.yaml or products/<name>.yaml), or else
 * the working directory when it is the root of one. None when neither is.
 */
export async function repositoryFolderOf(
  productFile: string,
): Promise<string | undefined> {
  for (const candidate of [layoutRootOf(productFile), process.cwd()]) {
    if (candidate && (await holdsMeshifiFolders(candidate))) {
      return candidate;
    }
  }
  return undefined;
}

/** The folders, relative to the root, where the layout keeps product files. */
async function productFolders(root: string): Promise<string[]> {
  const domains = await fs
    .readdir(path.join(root, 'domains'), { withFileTypes: true })
    .catch(() => []);
  return [
    'products',
    ...domains
      .filter(d => d.isDirectory())
      .map(d => `domains/${d.name}/products`),
  ];
}

/** One product file's manifest, or why it is none; never throws. */
async function readProductFile(
  root: string,
  file: string,
): Promise<{ product: DataProduct } | { unreadable: string } | undefined> {
  const full = path.join(root, file);
  const stat = await fs.lstat(full).catch(() => undefined);
  if (!stat?.isFile()) {
    // A link or a folder never reaches the platform as a product.
    return undefined;
  }
  const tooLarge = fileSizeProblem(stat.size);
  if (tooLarge) {
    return { unreadable: `${printablePath(file)} ${tooLarge}` };
  }
  const content = await fs.readFile(full, 'utf8').catch(() => undefined);
  if (content === undefined) {
    return { unreadable: `${printablePath(file)} cannot be read.` };
  }
  const read = readGitopsFile(file, content);
  if (!read.ok) {
    return { unreadable: read.message };
  }
  return read.manifest.kind === 'DataProduct'
    ? { product: read.manifest }
    : undefined;
}

/**
 * Every data product of a GitOps repository folder, each file read as the
 * platform reads it (readGitopsFile): what is on the cluster once the
 * folder is applied, and so what Crossplane would find when the function
 * asks for the products a product reads. Files read one at a time, each
 * within the size of a GitOps file.
 */
export async function readFolderProducts(
  root: string,
): Promise<FolderProducts> {
  const products: DataProduct[] = [];
  const unreadable: string[] = [];
  for (const folder of await productFolders(root)) {
    const names = await fs.readdir(path.join(root, folder)).catch(() => []);
    for (const name of names.filter(n => n.endsWith('.yaml')).sort()) {
      const read = await readProductFile(root, `${folder}/${name}`);
      if (read && 'product' in read) {
        products.push(read.product);
      } else if (read) {
        unreadable.push(read.unreadable);
      }
    }
  }
  return { products, unreadable };
}
