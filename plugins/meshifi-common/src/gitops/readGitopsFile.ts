import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { MESHIFI_API_VERSION } from '../constants';
import { DataAccess, DataDomain, DataProduct } from '../model/types';
import { nameProblem } from '../naming/productName';
import { NO_DOMAIN_NAMESPACE } from '../status/productsOf';
import { validateDataAccess } from '../validation/validateDataAccess';
import { validateDataDomain } from '../validation/validateDataDomain';
import { validateDataProduct } from '../validation/validateDataProduct';
import { Problem } from '../validation/Problem';
import { reservedNameProblem } from '../naming/reservedNames';
import { fileSizeProblem, GITOPS_FILE_LIMITS } from './gitopsFileLimits';
import { lineOfNode } from './lineOfField';
import { gitopsPath, isGitopsManifestPath, isGrantPath } from './paths';

/** A manifest meshifi keeps in the GitOps repository. */
export type GitopsManifest = DataProduct | DataDomain | DataAccess;

/** A file of the GitOps repository read: its manifest, or why it cannot be used. */
export type GitopsFile =
  | { ok: true; path: string; manifest: GitopsManifest }
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

/**
 * Text from elsewhere (a controller's message) as one line of plain words:
 * every control character becomes a space, and runs of spaces one.
 */
export function printableLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Which of the rules for GitOps files a problem breaks. */
export type GitopsFileRule =
  | 'file-name'
  | 'layout'
  | 'size'
  | 'yaml'
  | 'kind'
  | 'schema'
  | 'name'
  | 'reserved-name'
  | 'path';

/** One thing wrong with a file of the GitOps repository. */
export interface GitopsFileProblem {
  rule: GitopsFileRule;
  /**
   * What is wrong and what to do, said of the file ("is not valid YAML:
   * ..."), on one line: the file's values are shown with their control
   * characters escaped.
   */
  message: string;
  /** The 1-based line of the file the problem is at, when it is at one. */
  line?: number;
}

/** A file of the GitOps repository inspected: its manifest, or every problem found. */
export type InspectedGitopsFile =
  | { ok: true; path: string; manifest: GitopsManifest }
  | { ok: false; path: string; problems: GitopsFileProblem[] };

/** Where a file's content is read from, to point at its lines. */
interface Parsed {
  document: Document.Parsed;
  lineCounter: LineCounter;
}

const NAME_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'spec.info.name',
  'spec.domain',
];

/** Parses the one YAML document of a file, within the limits. */
function parseOne(
  content: string,
): { value: unknown; parsed: Parsed } | { problem: GitopsFileProblem } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(content, { lineCounter });
  const yamlProblem = (message: string, line?: number) => ({
    problem: { rule: 'yaml' as const, message, ...(line ? { line } : {}) },
  });
  if (!Array.isArray(documents)) {
    return yamlProblem('holds no YAML document.');
  }
  const invalid = documents.find(d => d.errors.length > 0);
  if (invalid) {
    const [error] = invalid.errors;
    // The parser's message goes on with the lines around the error: its
    // first line says what and where, and the line is given on its own.
    return yamlProblem(
      `is not valid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}.`,
      error.linePos?.[0]?.line,
    );
  }
  if (documents.length !== 1) {
    return yamlProblem(
      `holds ${documents.length} YAML documents: keep exactly one manifest per file.`,
      documents.length > 1
        ? lineCounter.linePos(documents[1].range[0]).line
        : undefined,
    );
  }
  const [document] = documents;
  try {
    return {
      value: document.toJS({ maxAliasCount: GITOPS_FILE_LIMITS.maxAliases }),
      parsed: { document, lineCounter },
    };
  } catch (error) {
    return yamlProblem(
      `cannot be read: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/** The rule a problem of the manifest's validation breaks. */
function ruleOf(problem: Problem, value: unknown): GitopsFileRule {
  if (!NAME_FIELDS.includes(problem.path)) {
    return 'schema';
  }
  let named: unknown = value;
  for (const part of problem.path.split('.')) {
    named = (named as Record<string, unknown> | undefined)?.[part];
  }
  return typeof named === 'string' &&
    problem.message === reservedNameProblem(named)
    ? 'reserved-name'
    : 'name';
}

/**
 * The kinds a path may hold: a grant's folder holds grants only, and the
 * other places products and domains (which of the two is gitopsPath's to
 * say), so that a file is never read as another kind than its folder says.
 */
function kindsAt(path: string): {
  kinds: readonly GitopsManifest['kind'][];
  words: string;
} {
  return isGrantPath(path)
    ? {
        kinds: ['DataAccess'],
        words: 'one meshifi DataAccess (an access grant)',
      }
    : {
        kinds: ['DataProduct', 'DataDomain'],
        words: 'one meshifi DataProduct or DataDomain',
      };
}

/**
 * A grant's namespace is its product's domain and names its folder: a
 * schema cannot say it, and gitopsPath would refuse to build a path of it.
 */
function grantNamespaceProblem(grant: DataAccess): Problem | undefined {
  const namespace = grant.metadata.namespace;
  if (namespace === undefined || namespace === NO_DOMAIN_NAMESPACE) {
    return undefined;
  }
  const problem =
    nameProblem(namespace, 'domain name') ?? reservedNameProblem(namespace);
  return problem ? { path: 'metadata.namespace', message: problem } : undefined;
}

function validateGrant(value: unknown) {
  const validated = validateDataAccess(value);
  if (!validated.ok) {
    return validated;
  }
  const namespaceProblem = grantNamespaceProblem(validated.value);
  return namespaceProblem
    ? { ok: false as const, problems: [namespaceProblem] }
    : validated;
}

function validateKind(value: unknown, kind: GitopsManifest['kind']) {
  if (kind === 'DataAccess') {
    return validateGrant(value);
  }
  return kind === 'DataDomain'
    ? validateDataDomain(value)
    : validateDataProduct(value);
}

/** Validates a parsed document as the meshifi manifest its kind says, if its path may hold that kind. */
function validateManifest(
  value: unknown,
  path: string,
  { document, lineCounter }: Parsed,
): { manifest: GitopsManifest } | { problems: GitopsFileProblem[] } {
  const { apiVersion, kind } = (value ?? {}) as Record<string, unknown>;
  const expected = kindsAt(path);
  if (
    apiVersion !== MESHIFI_API_VERSION ||
    !expected.kinds.includes(kind as GitopsManifest['kind'])
  ) {
    return {
      problems: [
        {
          rule: 'kind',
          message: `must hold ${expected.words} (apiVersion ${MESHIFI_API_VERSION}).`,
          line: lineOfNode(
            document,
            lineCounter,
            apiVersion === MESHIFI_API_VERSION ? 'kind' : 'apiVersion',
          ),
        },
      ],
    };
  }
  const validated = validateKind(value, kind as GitopsManifest['kind']);
  if (validated.ok) {
    return { manifest: validated.value };
  }
  return {
    problems: validated.problems.map(problem => ({
      rule: ruleOf(problem, value),
      message: problem.path
        ? `${problem.path}: ${problem.message}`
        : problem.message,
      line: lineOfNode(document, lineCounter, problem.path),
    })),
  };
}

/** The field whose value puts a manifest elsewhere than the path it is at. */
function misplacedField(manifest: GitopsManifest, path: string) {
  if (manifest.kind === 'DataDomain') {
    return 'metadata.name';
  }
  if (manifest.kind === 'DataAccess') {
    return path.startsWith(gitopsPath(manifest).replace(/[^/]+$/, ''))
      ? 'metadata.name'
      : 'metadata.namespace';
  }
  const domain = manifest.spec.domain;
  return domain && !path.startsWith(`domains/${domain}/`)
    ? 'spec.domain'
    : 'spec.info.name';
}

/** A manifest as a misplaced file's message names it. */
function describe(manifest: GitopsManifest): string {
  if (manifest.kind !== 'DataAccess') {
    return `${manifest.kind} "${manifest.metadata.name}"`;
  }
  const namespace = manifest.metadata.namespace ?? NO_DOMAIN_NAMESPACE;
  return namespace === NO_DOMAIN_NAMESPACE
    ? `the grant (DataAccess) "${manifest.metadata.name}" of a product of no domain (namespace ${NO_DOMAIN_NAMESPACE})`
    : `the grant (DataAccess) "${manifest.metadata.name}" of the domain "${namespace}" (its metadata.namespace)`;
}

/**
 * Inspects one file of the GitOps repository against the one rule for
 * GitOps files (see {@link readGitopsFile}), giving every problem of its
 * manifest, each with its line where it has one. Never throws.
 */
export function inspectGitopsFile(
  path: string,
  content: string,
): InspectedGitopsFile {
  const broken = (...problems: GitopsFileProblem[]): InspectedGitopsFile => ({
    ok: false,
    path,
    // Messages quote the file's values: none may break a line.
    problems: problems.map(({ line, ...problem }) => ({
      ...problem,
      message: printablePath(problem.message),
      ...(line ? { line } : {}),
    })),
  });
  if (hasControlCharacter(path)) {
    return broken({
      rule: 'file-name',
      message:
        'has a control character in its name: rename the file with letters, digits and dashes only.',
    });
  }
  if (!isGitopsManifestPath(path)) {
    return broken({
      rule: 'layout',
      message:
        'is not where meshifi keeps manifests: domains/<domain>/domain.yaml, domains/<domain>/products/<product>.yaml or domains/<domain>/access/<grant>.yaml.',
    });
  }
  const tooLarge = fileSizeProblem(new TextEncoder().encode(content).length);
  if (tooLarge) {
    return broken({ rule: 'size', message: tooLarge });
  }
  const parsed = parseOne(content);
  if ('problem' in parsed) {
    return broken(parsed.problem);
  }
  const validated = validateManifest(parsed.value, path, parsed.parsed);
  if ('problems' in validated) {
    return broken(...validated.problems);
  }
  const { manifest } = validated;
  const expected = gitopsPath(manifest);
  if (expected !== path) {
    return broken({
      rule: 'path',
      message: `holds ${describe(
        manifest,
      )}, whose place is ${expected}: move it there, or fix its content.`,
      line: lineOfNode(
        parsed.parsed.document,
        parsed.parsed.lineCounter,
        misplacedField(manifest, path),
      ),
    });
  }
  return { ok: true, path, manifest };
}

/**
 * Reads one file of the GitOps repository, as every reader and writer of it
 * must: the path has no control characters and is where meshifi keeps
 * manifests, the file is within {@link GITOPS_FILE_LIMITS}, holds exactly
 * one valid DataProduct or DataDomain (or, in an `access` folder, one valid
 * DataAccess), and lives at the path its content says (`gitopsPath`), so
 * that no file can shadow another product, domain or grant.
 * Never throws: one bad file gives its reason and the others keep flowing.
 */
export function readGitopsFile(path: string, content: string): GitopsFile {
  const inspected = inspectGitopsFile(path, content);
  return inspected.ok
    ? inspected
    : {
        ok: false,
        path,
        message: `${printablePath(path)} ${inspected.problems
          .map(problem => problem.message)
          .join(' ')}`,
      };
}
