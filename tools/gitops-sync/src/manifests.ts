import {
  DataDomain,
  DataProduct,
  MESHIFI_ANNOTATIONS,
  readGitopsFile,
} from '@meshifi/common';

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
 * Reads one manifest file of the GitOps repository with meshifi's one rule
 * for GitOps content, `readGitopsFile` of `@meshifi/common` (a path without
 * control characters, a file within the size limit, exactly one YAML
 * document within the alias limit, a valid DataDomain or DataProduct, kept
 * at the very path its content says), and turns it into the object to
 * apply: a product in its domain's namespace (`default` without a domain),
 * marked with the managed-by label and the annotation of its file. Never
 * throws: a broken file gives the reason, with its path.
 */
export function readManifest(file: string, content: string): ReadManifest {
  const read = readGitopsFile(file, content);
  if (!read.ok) {
    return { ok: false, file, message: read.message };
  }
  const { manifest } = read;
  if (manifest.kind === 'DataDomain') {
    return {
      ok: true,
      object: {
        file,
        kind: 'DataDomain',
        name: manifest.metadata.name,
        body: appliedBody(file, manifest, undefined),
      },
    };
  }
  // The rule has checked that metadata.namespace, if given, is this one.
  const namespace = manifest.spec.domain ?? 'default';
  return {
    ok: true,
    object: {
      file,
      kind: 'DataProduct',
      name: manifest.metadata.name,
      namespace,
      body: appliedBody(file, manifest, namespace),
    },
  };
}
