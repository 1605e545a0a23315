import {
  ComposedResource,
  composeWithCapabilities,
  dataDomainManifest,
  DataDomain,
  DataProduct,
  gitopsPath,
  PlatformConfig,
  printablePath,
  readGitopsFile,
} from '@meshifi/common';
import { RepositorySnapshot } from './repositorySnapshot';

/** What one side of a change makes of a product file. */
export type ComposedFile =
  | { state: 'absent' }
  | { state: 'broken'; message: string }
  | { state: 'composed'; product: DataProduct; resources: ComposedResource[] };

/** Where a domain's file is: its path depends on its name only. */
export function domainFilePath(domain: string): string {
  return gitopsPath(dataDomainManifest(domain, { owner: '', gcpProject: '' }));
}

type Read<T> = { ok: true; manifest: T } | { ok: false; message: string };

/** A file of the snapshot read as the manifest of `kind`, or why not. */
function readManifest<T extends DataProduct | DataDomain>(
  snapshot: RepositorySnapshot,
  path: string,
  kind: T['kind'],
): Read<T> | undefined {
  const unreadable = snapshot.unreadable.get(path);
  if (unreadable !== undefined) {
    return {
      ok: false,
      message: `${printablePath(path)} cannot be read: ${unreadable}`,
    };
  }
  const content = snapshot.files.get(path);
  if (content === undefined) {
    return undefined;
  }
  const read = readGitopsFile(path, content);
  if (!read.ok) {
    return { ok: false, message: read.message };
  }
  if (read.manifest.kind !== kind) {
    return {
      ok: false,
      message: `${printablePath(path)} holds a ${
        read.manifest.kind
      }, not a ${kind}.`,
    };
  }
  return { ok: true, manifest: read.manifest as T };
}

/**
 * A product file composed as the platform composes it on this side: with
 * the domain file of the same side (its GCP project), by the model's
 * compose() and each capability the product turns on, as the Composition's
 * pipeline composes them (composeWithCapabilities). A product whose file or
 * domain is broken or missing composes nothing, as the function then
 * composes nothing; the reason says why.
 */
export function composeProductFile(
  snapshot: RepositorySnapshot,
  path: string,
  platform: PlatformConfig,
): ComposedFile {
  const read = readManifest<DataProduct>(snapshot, path, 'DataProduct');
  if (!read) {
    return { state: 'absent' };
  }
  if (!read.ok) {
    return { state: 'broken', message: read.message };
  }
  const product = read.manifest;
  let domain: DataDomain | undefined;
  if (product.spec.domain) {
    const domainPath = domainFilePath(product.spec.domain);
    const domainRead = readManifest<DataDomain>(
      snapshot,
      domainPath,
      'DataDomain',
    );
    if (!domainRead) {
      return {
        state: 'broken',
        message: `The domain "${product.spec.domain}" has no file (${domainPath}), so the platform composes nothing for this product.`,
      };
    }
    if (!domainRead.ok) {
      return {
        state: 'broken',
        message: `The product's domain cannot be read, so the platform composes nothing for it: ${domainRead.message}`,
      };
    }
    domain = domainRead.manifest;
  }
  try {
    return {
      state: 'composed',
      product,
      resources: composeWithCapabilities(product, platform, domain),
    };
  } catch (error) {
    return {
      state: 'broken',
      message: `${printablePath(path)} cannot be composed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  }
}
