import { parseAllDocuments } from 'yaml';
import { MESHIFI_API_VERSION } from '../constants';
import { DataDomain, DataProduct } from '../model/types';
import { validateDataDomain } from '../validation/validateDataDomain';
import { validateDataProduct } from '../validation/validateDataProduct';
import { Problem } from '../validation/Problem';
import { GITOPS_FILE_LIMITS } from './gitopsFileLimits';
import { gitopsPath, isGitopsManifestPath } from './paths';

/** A file of the GitOps repository read: its manifest, or why it cannot be used. */
export type GitopsFile =
  | { ok: true; path: string; manifest: DataProduct | DataDomain }
  | { ok: false; path: string; message: string };

// C0 and C1 controls, Unicode's line and paragraph separators, and the
// bidirectional overrides that make a name read as another.
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Whether a text has a character that would break a line, a terminal, or how a name reads. */
export function hasControlCharacter(text: string): boolean {
  return text.search(CONTROL_CHARACTERS) >= 0;
}

/** Text from a file (a path, a value) as it can be shown in one line of a log or a message. */
export function printablePath(text: string): string {
  return text.replace(
    CONTROL_CHARACTERS,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const describeProblems = (problems: Problem[]) =>
  problems.map(p => (p.path ? `${p.path}: ${p.message}` : p.message)).join(' ');

/** Parses the one YAML document of a file, within the limits. */
function parseOne(content: string): { value: unknown } | { problem: string } {
  const documents = parseAllDocuments(content);
  if (!Array.isArray(documents)) {
    return { problem: 'holds no YAML document.' };
  }
  const invalid = documents.find(d => d.errors.length > 0);
  if (invalid) {
    return { problem: `is not valid YAML: ${invalid.errors[0].message}` };
  }
  if (documents.length !== 1) {
    return {
      problem: `holds ${documents.length} YAML documents: keep exactly one manifest per file.`,
    };
  }
  try {
    return {
      value: documents[0].toJS({
        maxAliasCount: GITOPS_FILE_LIMITS.maxAliases,
      }),
    };
  } catch (error) {
    return {
      problem: `cannot be read: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  }
}

/** Validates a parsed document as the meshifi manifest its kind says. */
function validateManifest(
  value: unknown,
): { manifest: DataProduct | DataDomain } | { problem: string } {
  const { apiVersion, kind } = (value ?? {}) as Record<string, unknown>;
  if (
    apiVersion !== MESHIFI_API_VERSION ||
    (kind !== 'DataProduct' && kind !== 'DataDomain')
  ) {
    return {
      problem: `must hold one meshifi DataProduct or DataDomain (apiVersion ${MESHIFI_API_VERSION}).`,
    };
  }
  const validated =
    kind === 'DataDomain'
      ? validateDataDomain(value)
      : validateDataProduct(value);
  return validated.ok
    ? { manifest: validated.value }
    : { problem: describeProblems(validated.problems) };
}

/**
 * Reads one file of the GitOps repository, as every reader and writer of it
 * must: the path has no control characters and is where meshifi keeps
 * manifests, the file is within {@link GITOPS_FILE_LIMITS}, holds exactly
 * one valid DataProduct or DataDomain, and lives at the path its content
 * says (`gitopsPath`), so that no file can shadow another product or domain.
 * Never throws: one bad file gives its reason and the others keep flowing.
 */
export function readGitopsFile(path: string, content: string): GitopsFile {
  const shown = printablePath(path);
  const broken = (message: string): GitopsFile => ({
    ok: false,
    path,
    // Messages quote the file's values: none may break a log line.
    message: `${shown} ${printablePath(message)}`,
  });
  if (hasControlCharacter(path)) {
    return broken(
      'has a control character in its name: rename the file with letters, digits and dashes only.',
    );
  }
  if (!isGitopsManifestPath(path)) {
    return broken(
      'is not where meshifi keeps manifests: domains/<domain>/domain.yaml or domains/<domain>/products/<product>.yaml.',
    );
  }
  const bytes = new TextEncoder().encode(content).length;
  if (bytes > GITOPS_FILE_LIMITS.maxBytes) {
    return broken(
      `is ${bytes} bytes long; a manifest may have at most ${GITOPS_FILE_LIMITS.maxBytes}.`,
    );
  }
  const parsed = parseOne(content);
  if ('problem' in parsed) {
    return broken(parsed.problem);
  }
  const validated = validateManifest(parsed.value);
  if ('problem' in validated) {
    return broken(validated.problem);
  }
  const expected = gitopsPath(validated.manifest);
  if (expected !== path) {
    return broken(
      `holds ${validated.manifest.kind} "${validated.manifest.metadata.name}", whose place is ${expected}: move it there, or fix its content.`,
    );
  }
  return { ok: true, path, manifest: validated.manifest };
}
