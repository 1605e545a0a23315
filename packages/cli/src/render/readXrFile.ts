import {
  GITOPS_FILE_LIMITS,
  KubernetesObject,
  MESHIFI_API_VERSION,
  printablePath,
} from '@meshifi/common';
import { promises as fs } from 'fs';
import { LineCounter, parseAllDocuments } from 'yaml';

/** The kinds `meshifi render` composes. */
const RENDERED_KINDS = ['DataProduct', 'DataDomain'];

/** Reads a file's text within the size a GitOps file may have, or says why not. */
async function readText(file: string, shown: string): Promise<string> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) {
    throw new Error(`${shown} does not exist.`);
  }
  if (!stat.isFile()) {
    throw new Error(
      `${shown} is not a file: give the file of a DataProduct or DataDomain.`,
    );
  }
  if (stat.size > GITOPS_FILE_LIMITS.maxBytes) {
    throw new Error(
      `${shown} is ${stat.size} bytes, more than the ${GITOPS_FILE_LIMITS.maxBytes} meshifi reads from one file.`,
    );
  }
  return fs.readFile(file, 'utf8').catch(error => {
    throw new Error(
      `${shown} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
    );
  });
}

/** The one YAML document of a file, as JSON, within the alias limit. */
function parseOne(text: string, shown: string): unknown {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents) || documents.length === 0) {
    throw new Error(`${shown} holds no YAML document.`);
  }
  const broken = documents.find(d => d.errors.length > 0);
  if (broken) {
    const [error] = broken.errors;
    const line = error.linePos?.[0]?.line;
    throw new Error(
      `${shown}${line ? `:${line}` : ''} is not valid YAML: ${printablePath(
        error.message.split('\n')[0],
      )}`,
    );
  }
  if (documents.length > 1) {
    throw new Error(
      `${shown} holds ${documents.length} YAML documents: give a file with one DataProduct or DataDomain.`,
    );
  }
  try {
    return documents[0].toJS({ maxAliasCount: GITOPS_FILE_LIMITS.maxAliases });
  } catch (error) {
    throw new Error(
      `${shown} cannot be read: ${printablePath(
        error instanceof Error ? error.message : String(error),
      )}`,
    );
  }
}

/**
 * A DataProduct or DataDomain from a file, as `crossplane render` loads its
 * XR: whatever the spec holds (the function judges it), but one document
 * of a meshifi kind with a name, and never more than a GitOps file may be.
 */
export async function readXrFile(file: string): Promise<KubernetesObject> {
  const shown = printablePath(file);
  const value = parseOne(
    await readText(file, shown),
    shown,
  ) as Partial<KubernetesObject> | null;
  const kind = typeof value?.kind === 'string' ? value.kind : undefined;
  if (
    value?.apiVersion !== MESHIFI_API_VERSION ||
    !kind ||
    !RENDERED_KINDS.includes(kind)
  ) {
    throw new Error(
      `${shown} holds ${
        kind ? `a ${printablePath(kind)}` : 'no Kubernetes object'
      }, not a meshifi DataProduct or DataDomain (apiVersion ${MESHIFI_API_VERSION}): meshifi render composes those only.`,
    );
  }
  if (typeof value.metadata?.name !== 'string' || !value.metadata.name) {
    throw new Error(`${shown} has no metadata.name: give the ${kind} a name.`);
  }
  return value as KubernetesObject;
}
