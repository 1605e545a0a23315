import {
  DataProduct,
  fileSizeProblem,
  isInMeshifiFolder,
  printablePath,
} from '@meshifi/common';
import {
  closeSync,
  constants,
  Dirent,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
} from 'fs';
import path from 'path';
import {
  CheckedFile,
  checkManifestFile,
  misplacedFileProblem,
  RepositoryManifest,
  strayFileProblem,
} from './checkFile';
import { checkRepository } from './checkRepository';
import { isSkipped, isYaml, placeOf } from './layout';
import {
  sortProblems,
  ValidationProblem,
  ValidationReport,
} from './ValidationProblem';

// Files are read one after another, synchronously: a manifest is a few
// hundred bytes, and the thread pool's round trips of fs.promises cost ten
// times the reads themselves (10,000 files: 2 s against 0.2 s here). One
// file is open at a time.

/** A path of the working tree, relative to its root, with `/` between folders. */
type Entry = { path: string; dirent: Dirent };

/** What to do about a file the system would not read, by its error's code. */
const UNREADABLE_REASONS: Record<string, string> = {
  EACCES: 'permission denied: make it readable',
  EPERM: 'permission denied: make it readable',
  ELOOP: 'it is a symbolic link: put the file itself here',
};

/** Why a file cannot be read, in words, from a system error. */
function unreadable(file: string, error: unknown): ValidationProblem {
  const code = (error as NodeJS.ErrnoException)?.code ?? String(error);
  const reason =
    UNREADABLE_REASONS[code] ?? `${code}: check that it is a file you may read`;
  return {
    file: printablePath(file),
    rule: 'unreadable',
    message: `cannot be read (${reason}).`,
  };
}

/**
 * Every entry of the working tree under meshifi's eyes: all of meshifi's
 * folders, and elsewhere all but hidden folders and installed packages.
 * Never follows a symbolic link: a link is an entry of its own.
 */
function walk(root: string, problems: ValidationProblem[]): Entry[] {
  const entries: Entry[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      if (folder === '') {
        throw error;
      }
      problems.push(unreadable(folder, error));
      continue;
    }
    for (const dirent of dirents) {
      const relative = folder ? `${folder}/${dirent.name}` : dirent.name;
      if (!isInMeshifiFolder(relative) && isSkipped(dirent.name)) {
        continue;
      }
      if (dirent.isDirectory()) {
        pending.push(relative);
      }
      entries.push({ path: relative, dirent });
    }
  }
  return entries;
}

/** The problem of a symbolic link meshifi would have read, saying where it points. */
function symlinkProblem(root: string, file: string): ValidationProblem {
  let target: string;
  try {
    target = readlinkSync(path.join(root, file));
  } catch {
    target = 'somewhere that cannot be read';
  }
  return {
    file: printablePath(file),
    rule: 'symlink',
    message: `is a symbolic link to ${printablePath(
      target,
    )}: meshifi does not follow links (git keeps the link, not the file it points to), so the platform never sees a manifest here. Put the file itself here.`,
  };
}

/**
 * A file's content, or why it is not read: opened without following a link
 * and without waiting on a pipe, its size checked before a byte is read, so
 * that a huge file is never held in memory.
 */
function readBounded(
  root: string,
  file: string,
): { content: string } | { problem: ValidationProblem } {
  let fd: number | undefined;
  try {
    fd = openSync(
      path.join(root, file),
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    );
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      return {
        problem: {
          file: printablePath(file),
          rule: 'unreadable',
          message: 'is not a regular file: put the manifest itself here.',
        },
      };
    }
    const tooLarge = fileSizeProblem(stat.size);
    if (tooLarge) {
      return {
        problem: { file: printablePath(file), rule: 'size', message: tooLarge },
      };
    }
    return { content: readFileSync(fd, 'utf8') };
  } catch (error) {
    return { problem: unreadable(file, error) };
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
    }
  }
}

/** What one entry of the working tree gives: its problems, and its manifest when valid. */
function checkEntry(root: string, { path: file, dirent }: Entry): CheckedFile {
  const place = placeOf(file);
  if (dirent.isDirectory()) {
    return {
      problems:
        place === 'manifest'
          ? [
              {
                file: printablePath(file),
                rule: 'unreadable',
                message:
                  'is a folder, where meshifi expects a manifest file: remove the folder, or put the file here.',
              },
            ]
          : [],
    };
  }
  if (dirent.isSymbolicLink()) {
    return {
      problems:
        place !== 'other' || isYaml(file) ? [symlinkProblem(root, file)] : [],
    };
  }
  if (place === 'misplaced') {
    return { problems: [misplacedFileProblem(file)] };
  }
  if (place === 'other' && !isYaml(file)) {
    return { problems: [] };
  }
  const read = readBounded(root, file);
  if (place === 'other') {
    // Outside meshifi's folders, a file that is large or odd is not meshifi's.
    const stray = 'content' in read && strayFileProblem(file, read.content);
    return { problems: stray ? [stray] : [] };
  }
  return 'content' in read
    ? checkManifestFile(file, read.content)
    : { problems: [read.problem] };
}

/**
 * Validates a GitOps repository's working tree against every rule of the
 * model, reporting every problem in one pass: each file at a manifest's
 * place as the platform reads it (inspectGitopsFile), files inside
 * meshifi's folders that are not at a manifest's place, manifests lost in
 * other YAML files, links and unreadable files, then the rules between
 * files (checkRepository), with the version rule against `baseProducts`
 * (the products of the base, by path) when given. Throws only when the
 * root itself cannot be read.
 */
export function validateRepository(
  root: string,
  baseProducts?: ReadonlyMap<string, DataProduct>,
): ValidationReport {
  const problems: ValidationProblem[] = [];
  const entries = walk(root, problems);
  const manifests: RepositoryManifest[] = [];
  for (const entry of entries) {
    const checked = checkEntry(root, entry);
    problems.push(...checked.problems);
    if (checked.manifest) {
      manifests.push(checked.manifest);
    }
  }
  problems.push(
    ...checkRepository(
      manifests,
      new Set(entries.map(e => e.path)),
      baseProducts,
    ),
  );
  return {
    problems: sortProblems(problems),
    files: entries.filter(e => !e.dirent.isDirectory()).length,
    products: manifests.filter(m => m.manifest.kind === 'DataProduct').length,
    domains: manifests.filter(m => m.manifest.kind === 'DataDomain').length,
    grants: manifests.filter(m => m.manifest.kind === 'DataAccess').length,
  };
}
