import {
  DataAccess,
  DataDomain,
  DataProduct,
  inspectGitopsFile,
  lineOfField,
  printablePath,
} from '@meshifi/common';
import { declaresMeshifiManifest } from './layout';
import { ValidationProblem } from './ValidationProblem';

/** A valid manifest of the repository, with its file's content to point at its lines. */
export interface RepositoryManifest {
  path: string;
  manifest: DataProduct | DataDomain | DataAccess;
  content: string;
}

/** What checking one file found: its manifest when valid, every problem otherwise. */
export interface CheckedFile {
  manifest?: RepositoryManifest;
  problems: ValidationProblem[];
}

/**
 * Checks a file at a manifest's place with the one rule for GitOps files
 * (`inspectGitopsFile`, as the catalog, the publish and the composition
 * read it): every problem of the file, each with its line.
 */
export function checkManifestFile(path: string, content: string): CheckedFile {
  const inspected = inspectGitopsFile(path, content);
  if (inspected.ok) {
    return {
      manifest: { path, manifest: inspected.manifest, content },
      problems: [],
    };
  }
  return {
    problems: inspected.problems.map(problem => ({
      file: printablePath(path),
      ...problem,
    })),
  };
}

/**
 * The problem of a file inside meshifi's folders but not at a manifest's
 * place: the platform never reads it. Its path alone decides, so the file
 * is not read.
 */
export function misplacedFileProblem(path: string): ValidationProblem {
  const inspected = inspectGitopsFile(path, '');
  const [problem] = inspected.ok ? [] : inspected.problems;
  return {
    file: printablePath(path),
    rule: problem?.rule ?? 'layout',
    message: problem?.message ?? 'is not where meshifi keeps manifests.',
  };
}

/**
 * The problem of a YAML file elsewhere in the repository that holds a
 * meshifi manifest: it looks like part of the data mesh, and the platform
 * never reads it. Undefined for any other file.
 */
export function strayFileProblem(
  path: string,
  content: string,
): ValidationProblem | undefined {
  if (!declaresMeshifiManifest(content)) {
    return undefined;
  }
  const line = lineOfField(content, 'apiVersion');
  return {
    file: printablePath(path),
    ...(line ? { line } : {}),
    rule: 'layout',
    message:
      'holds a meshifi manifest, but meshifi reads manifests only at domains/<domain>/domain.yaml, domains/<domain>/products/<product>.yaml and domains/<domain>/access/<grant>.yaml: move it to its place, or remove it.',
  };
}
