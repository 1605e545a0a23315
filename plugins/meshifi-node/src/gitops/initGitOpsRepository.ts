import {
  hasControlCharacter,
  inspectGitopsFile,
  isInMeshifiFolder,
  printablePath,
} from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';
import { git } from './git';

/** Who commits. */
export interface GitAuthor {
  name: string;
  email: string;
}

/** What a new GitOps repository starts with, besides its README. */
export interface InitialContent {
  /**
   * A folder whose files the first commit holds at the same paths, such as
   * a sample data mesh. Files in meshifi's folders (`domains/`, `products/`,
   * `access/`) must be valid manifests at their place, as every writer's must.
   */
  folder: string;
}

const README = [
  '# meshifi GitOps repository',
  '',
  'Every data product is one file, grouped by domain:',
  '`domains/<domain>/domain.yaml` and `domains/<domain>/products/<product>.yaml`.',
  'Access to a product, once its owners approved it, is one file beside them:',
  '`domains/<domain>/access/<grant>.yaml`.',
  'meshifi writes these files; the GitOps engine applies them to the platform cluster.',
  '',
].join('\n');

/** A file of the initial content: its path in the repository and on disk. */
interface InitialFile {
  repositoryPath: string;
  diskPath: string;
}

/**
 * Makes a GitOps repository: a bare repository whose branch holds a README
 * and, when given, the files of an initial content folder. Does nothing
 * when one is there. A problem with the initial content is found before
 * anything is created, so a fixed folder is used on the next try.
 *
 * The repository is made in a folder of its own and then renamed into
 * place, so that several backend plugins starting at once never see a
 * repository without its first commit, and only one of them makes it.
 */
export async function initGitOpsRepository(
  remote: string,
  branch: string,
  author: GitAuthor,
  initial?: InitialContent,
) {
  if (await hasRepository(remote)) {
    return;
  }
  const files = initial ? await readInitialContent(initial.folder) : [];
  await fs.mkdir(path.dirname(remote), { recursive: true });
  const building = await fs.mkdtemp(`${remote}.creating-`);
  try {
    await git(['init', '--quiet', '--bare', `--initial-branch=${branch}`], {
      cwd: building,
    });
    await protectHistory(building);
    await commitInitialContent(building, branch, author, files);
    await fs.rename(building, remote).catch(async error => {
      // Another process made it first: theirs stays.
      if (!(await hasRepository(remote))) {
        throw error;
      }
    });
  } finally {
    await fs.rm(building, { recursive: true, force: true });
  }
}

/**
 * The GitOps engine applies whatever the branch holds and prunes what it no
 * longer does: a branch reset to an old commit, or deleted, would delete
 * every product added since. git itself refuses such pushes here; meshifi
 * only ever adds commits. (A hosted remote gets the same from its branch
 * protection, see deploy/README.md.)
 */
async function protectHistory(repository: string) {
  await git(['config', 'receive.denyNonFastForwards', 'true'], {
    cwd: repository,
  });
  await git(['config', 'receive.denyDeletes', 'true'], { cwd: repository });
}

async function hasRepository(remote: string) {
  try {
    await fs.access(path.join(remote, 'HEAD'));
    return true;
  } catch {
    return false;
  }
}

/** The first commit: the README, then the initial content's files. */
async function commitInitialContent(
  repository: string,
  branch: string,
  author: GitAuthor,
  files: InitialFile[],
) {
  const readme = (
    await git(['hash-object', '-w', '--stdin'], {
      cwd: repository,
      input: README,
    })
  ).trim();
  const blobs = files.length
    ? (
        await git(['hash-object', '-w', '--stdin-paths'], {
          cwd: repository,
          input: files.map(file => `${file.diskPath}\n`).join(''),
        })
      )
        .trim()
        .split('\n')
    : [];
  // An initial content's own README.md comes later, and replaces meshifi's.
  const tree = await writeTree(repository, [
    { repositoryPath: 'README.md', blob: readme },
    ...files.map((file, i) => ({ ...file, blob: blobs[i] })),
  ]);
  const message = files.length
    ? 'Start the meshifi GitOps repository with its initial content'
    : 'Start the meshifi GitOps repository';
  const env = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  const commit = (
    await git(['commit-tree', tree, '-m', message], { cwd: repository, env })
  ).trim();
  await git(['update-ref', `refs/heads/${branch}`, commit], {
    cwd: repository,
  });
}

/**
 * The tree of the first commit, built in an index of its own inside the new
 * repository (a bare repository has none), so that nested folders need no
 * tree written by hand.
 */
async function writeTree(
  repository: string,
  entries: { repositoryPath: string; blob: string }[],
) {
  const env = { GIT_INDEX_FILE: path.join(repository, 'initial-index') };
  try {
    await git(['update-index', '--add', '--index-info'], {
      cwd: repository,
      env,
      input: entries
        .map(entry => `100644 ${entry.blob}\t${entry.repositoryPath}\n`)
        .join(''),
    });
    return (await git(['write-tree'], { cwd: repository, env })).trim();
  } finally {
    await fs.rm(env.GIT_INDEX_FILE, { force: true });
  }
}

/**
 * Every file of the initial content folder, checked: regular files only
 * (a link could bring in any file of the host), and manifests as the
 * GitOps rule reads them. Throws one error naming every problem.
 */
async function readInitialContent(folder: string): Promise<InitialFile[]> {
  const problems: string[] = [];
  const files: InitialFile[] = [];
  let entries;
  try {
    entries = await fs.readdir(folder, {
      recursive: true,
      withFileTypes: true,
    });
  } catch (error) {
    throw new Error(
      `The initial content of the GitOps repository (meshifi.gitops.initialContent) cannot be read from ${folder}: ${
        (error as NodeJS.ErrnoException).code ?? String(error)
      }. Point it at a folder of manifests, or remove it.`,
    );
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      continue;
    }
    const diskPath = path.join(entry.parentPath, entry.name);
    const repositoryPath = path
      .relative(folder, diskPath)
      .split(path.sep)
      .join('/');
    if (hasControlCharacter(repositoryPath)) {
      problems.push(
        `${printablePath(
          repositoryPath,
        )} has a control character in its name: rename it with letters, digits and dashes only.`,
      );
      continue;
    }
    if (!entry.isFile()) {
      problems.push(
        `${printablePath(
          repositoryPath,
        )} is not a plain file (a link, a pipe or a device): replace it with the file itself.`,
      );
      continue;
    }
    if (isInMeshifiFolder(repositoryPath)) {
      const inspected = inspectGitopsFile(
        repositoryPath,
        await fs.readFile(diskPath, 'utf8'),
      );
      if (!inspected.ok) {
        problems.push(
          `${printablePath(repositoryPath)} ${inspected.problems
            .map(problem => problem.message)
            .join(' ')}`,
        );
        continue;
      }
    }
    files.push({ repositoryPath, diskPath });
  }
  if (problems.length) {
    throw new Error(
      `The initial content of the GitOps repository (meshifi.gitops.initialContent, ${folder}) has files meshifi will not start a repository with: ${problems.join(
        ' ',
      )} Fix them, or remove initialContent; nothing was created.`,
    );
  }
  return files.sort((a, b) => a.repositoryPath.localeCompare(b.repositoryPath));
}
