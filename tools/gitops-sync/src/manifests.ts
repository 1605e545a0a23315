import {
  DataDomain,
  DataProduct,
  MESHIFI_ANNOTATIONS,
  MESHIFI_API_VERSION,
  Problem,
  validateDataDomain,
  validateDataProduct,
} from '@meshifi/common';
import { parseAllDocuments } from 'yaml';

/** The field manager of what the sync loop applies. */
export const FIELD_MANAGER = 'meshifi-gitops-sync';

/** The label that marks what the sync loop applied, and may prune. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** The annotation with the file an object was applied from. */
export const GITOPS_PATH_ANNOTATION = MESHIFI_ANNOTATIONS.gitopsPath;

export type ManifestKind = 'DataDomain' | 'DataProduct';

/** An object a file of the repository asks for, ready to apply. */
export interface DesiredObject {
  file: string;
  kind: ManifestKind;
  name: string;
  /** Absent for the cluster-scoped DataDomain. */
  namespace?: string;
  body: Record<string, unknown>;
}

/** A file read: its object, or why it cannot be applied. */
export type ReadManifest =
  | { ok: true; object: DesiredObject }
  | { ok: false; file: string; message: string };

/** "DataProduct sales/orders", "DataDomain sales": for logs, and as a key. */
export function describeObject(object: {
  kind: string;
  name: string;
  namespace?: string;
}): string {
  return object.namespace
    ? `${object.kind} ${object.namespace}/${object.name}`
    : `${object.kind} ${object.name}`;
}

/** The kind a manifest path holds: a domain's file, or a product's. */
const kindOfPath = (file: string): ManifestKind =>
  file.endsWith('/domain.yaml') ? 'DataDomain' : 'DataProduct';

const describeProblems = (problems: Problem[]) =>
  problems.map(p => `${p.path}: ${p.message}`).join('; ');

/**
 * A product lives in its domain's namespace (the DataDomain composes it);
 * one without a domain in `default`.
 */
function namespaceOf(product: DataProduct): string | { problem: string } {
  const wanted = product.spec.domain ?? 'default';
  const given = product.metadata.namespace;
  if (given && given !== wanted) {
    return {
      problem: `metadata.namespace is "${given}", but the product lives in "${wanted}", the namespace of ${
        product.spec.domain ? `its domain` : 'products without a domain'
      }: change or remove metadata.namespace`,
    };
  }
  return wanted;
}

/** What is applied: the manifest's name, labels, annotations and spec, marked as ours. */
function appliedBody(
  file: string,
  manifest: DataDomain | DataProduct,
  namespace: string | undefined,
): Record<string, unknown> {
  const { name, labels, annotations } = manifest.metadata;
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      labels: { ...labels, [MANAGED_BY_LABEL]: FIELD_MANAGER },
      annotations: { ...annotations, [GITOPS_PATH_ANNOTATION]: file },
    },
    spec: manifest.spec,
  };
}

/**
 * Reads one manifest file of the GitOps repository: exactly one YAML
 * document, a meshifi DataDomain (in a domain.yaml) or DataProduct (in a
 * product's file) that passes meshifi's validation. Never throws: a broken
 * file gives the reason, with its path.
 */
export function readManifest(file: string, content: string): ReadManifest {
  const broken = (message: string): ReadManifest => ({
    ok: false,
    file,
    message: `${file}: ${message}`,
  });
  const documents = parseAllDocuments(content);
  const invalid = documents.find(d => d.errors.length > 0);
  if (invalid) {
    return broken(`not valid YAML: ${invalid.errors[0].message}`);
  }
  const kind = kindOfPath(file);
  const manifest = documents.length === 1 ? documents[0].toJS() : undefined;
  if (manifest?.apiVersion !== MESHIFI_API_VERSION || manifest.kind !== kind) {
    return broken(
      `must hold exactly one ${kind} (apiVersion ${MESHIFI_API_VERSION})`,
    );
  }
  if (kind === 'DataDomain') {
    const validated = validateDataDomain(manifest);
    if (!validated.ok) {
      return broken(describeProblems(validated.problems));
    }
    const domain = validated.value;
    return {
      ok: true,
      object: {
        file,
        kind,
        name: domain.metadata.name,
        body: appliedBody(file, domain, undefined),
      },
    };
  }
  const validated = validateDataProduct(manifest);
  if (!validated.ok) {
    return broken(describeProblems(validated.problems));
  }
  const product = validated.value;
  const namespace = namespaceOf(product);
  if (typeof namespace !== 'string') {
    return broken(namespace.problem);
  }
  return {
    ok: true,
    object: {
      file,
      kind,
      name: product.metadata.name,
      namespace,
      body: appliedBody(file, product, namespace),
    },
  };
}
