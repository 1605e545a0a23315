import { KubernetesObject, printablePath } from '@meshifi/common';
import { COMPOSITIONS } from '@meshifi/crossplane-function';
import { promises as fs } from 'fs';
import path from 'path';
import { domainFilePath } from '../plan/composeProductFile';
import { inputProductsOf } from './inputProductsOf';
import { readXrFile } from './readXrFile';
import {
  RenderedComposite,
  renderComposite,
  RenderFailure,
} from './renderComposite';

/** The namespace of products of no domain. */
const NO_DOMAIN_NAMESPACE = 'default';

const exists = (file: string) =>
  fs.stat(file).then(
    s => s.isFile(),
    () => false,
  );

/**
 * Where a product's domain file is: given, or where the GitOps layout keeps
 * it, next to the product's own folder (domains/<domain>/products/<name>.yaml)
 * or under the working directory.
 */
async function findDomainFile(
  productFile: string,
  domain: string,
  given: string | undefined,
): Promise<{ found?: string; lookedFor: string[] }> {
  if (given) {
    return { found: given, lookedFor: [given] };
  }
  const relative = domainFilePath(domain);
  const productFolder = path.dirname(path.resolve(productFile));
  const roots = [
    ...(path.basename(productFolder) === 'products'
      ? [path.resolve(productFolder, '..', '..', '..')]
      : []),
    process.cwd(),
  ];
  const candidates = [...new Set(roots.map(root => path.join(root, relative)))];
  for (const candidate of candidates) {
    if (await exists(candidate)) {
      return { found: candidate, lookedFor: candidates };
    }
  }
  return { lookedFor: candidates };
}

/**
 * What Crossplane would give the function for a product: its domain and the
 * namespace the domain composes (rendered here from the domain's file, as
 * the platform composes it). None for a product of no domain.
 */
async function requiredResourcesOf(
  xr: KubernetesObject,
  file: string,
  domainFile: string | undefined,
): Promise<{ resources: KubernetesObject[]; missing?: string }> {
  const namespace = xr.metadata.namespace ?? NO_DOMAIN_NAMESPACE;
  if (xr.kind !== 'DataProduct' || namespace === NO_DOMAIN_NAMESPACE) {
    return { resources: [] };
  }
  const { found, lookedFor } = await findDomainFile(
    file,
    namespace,
    domainFile,
  );
  if (!found) {
    return {
      resources: [],
      missing: `meshifi looked for the domain's file at ${lookedFor
        .map(candidate =>
          printablePath(path.relative(process.cwd(), candidate)),
        )
        .join(' and ')}; give it with --domain FILE.`,
    };
  }
  const domain = await readXrFile(found);
  if (domain.kind !== 'DataDomain') {
    throw new Error(
      `${printablePath(found)} holds a ${
        domain.kind
      }, not the DataDomain ${namespace}.`,
    );
  }
  const rendered = await renderComposite({
    xr: domain,
    composition: COMPOSITIONS.DataDomain,
    requiredResources: [],
  }).catch(() => undefined);
  const domainNamespace =
    rendered?.composed.filter(r => r.kind === 'Namespace') ?? [];
  return { resources: [domain, ...domainNamespace] };
}

/**
 * What the composition function makes of a DataProduct or DataDomain file,
 * rendered in this process through the Composition the package ships, as
 * `crossplane render` renders it, with what Crossplane would give the
 * function: the product's domain and its namespace, and the products its
 * input ports read, from the product's GitOps repository folder. A
 * RenderFailure carries the function's message (and, for a product, where
 * its domain and the products it reads were looked for).
 */
export async function renderFile(
  file: string,
  options: { domainFile?: string } = {},
): Promise<RenderedComposite> {
  const xr = await readXrFile(file);
  const required = await requiredResourcesOf(xr, file, options.domainFile);
  const inputs = await inputProductsOf(xr, file);
  try {
    return await renderComposite({
      xr,
      composition: COMPOSITIONS[xr.kind as 'DataProduct' | 'DataDomain'],
      requiredResources: [...required.resources, ...inputs.resources],
    });
  } catch (error) {
    const looked = [required.missing, inputs.missing].filter(Boolean);
    if (error instanceof RenderFailure && looked.length > 0) {
      throw new RenderFailure(`${error.message} (${looked.join(' ')})`);
    }
    throw error;
  }
}
