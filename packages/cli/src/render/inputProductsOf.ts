import { KubernetesObject, LABELS, printablePath } from '@meshifi/common';
import path from 'path';
import { readFolderProducts, repositoryFolderOf } from './readFolderProducts';

/** What Crossplane would find for a product's input ports, and what to say if the function refuses. */
export interface InputProducts {
  /** The products the function may ask for: every product of the repository folder. */
  resources: KubernetesObject[];
  /** Where meshifi looked, for a product read that it did not find there. */
  missing?: string;
}

/** The names of the products a product's input ports read, as its file gives them. */
function namesRead(xr: KubernetesObject): string[] {
  const inputs: unknown = (xr as { spec?: { inputPorts?: unknown } }).spec
    ?.inputPorts;
  if (xr.kind !== 'DataProduct' || !Array.isArray(inputs)) {
    return [];
  }
  return [
    ...new Set(
      inputs
        .map(input => (input as { product?: unknown } | null)?.product)
        .filter((name): name is string => typeof name === 'string'),
    ),
  ];
}

/** A folder as the person running meshifi would name it. */
const shown = (folder: string) => {
  const relative = path.relative(process.cwd(), folder);
  return relative ? printablePath(relative) : 'this folder';
};

/**
 * The DataProducts Crossplane would give the function when it asks for the
 * products a product reads: those of the product's GitOps repository
 * folder, found as its domain file is, each read as the platform reads it.
 * The function's own selector picks among them (fetchRequired), so a
 * product read that the folder lacks is refused in the function's words.
 * Nothing is read for a product that reads nothing.
 */
export async function inputProductsOf(
  xr: KubernetesObject,
  file: string,
): Promise<InputProducts> {
  const names = namesRead(xr);
  if (names.length === 0) {
    return { resources: [] };
  }
  const root = await repositoryFolderOf(file);
  if (!root) {
    return {
      resources: [],
      missing: `meshifi found no GitOps repository folder around ${printablePath(
        file,
      )} to look for the products it reads: run meshifi render from the repository's root.`,
    };
  }
  const { products, unreadable } = await readFolderProducts(root);
  const labelled = new Set(
    products.map(p => p.metadata.labels?.[LABELS.dataProduct]),
  );
  const notFound = names.filter(name => !labelled.has(name));
  if (notFound.length === 0) {
    return { resources: products };
  }
  const unread = unreadable.length
    ? ` ${unreadable.length} product file${
        unreadable.length > 1 ? 's' : ''
      } there could not be read (${unreadable[0]}): run meshifi validate.`
    : '';
  return {
    resources: products,
    missing: `meshifi looked for ${notFound
      .map(name => `"${printablePath(name)}"`)
      .join(' and ')} among the product files of ${shown(
      root,
    )}, by their label ${LABELS.dataProduct}.${unread}`,
  };
}
