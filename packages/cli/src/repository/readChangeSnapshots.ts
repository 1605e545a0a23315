import {
  GITOPS_FILE_LIMITS,
  hasControlCharacter,
  isGitopsManifestPath,
} from '@meshifi/common';
import { git, readFiles } from '@meshifi/node';
import { promises as fs } from 'fs';
import path from 'path';
import { RepositorySnapshot } from '../plan/repositorySnapshot';
import { PlanBase } from './planBase';

const DOMAIN_FOLDER = /^domains\/([^/]+)\//;
const DOMAIN_FILE = /^domains\/[^/]+\/domain\.yaml$/;

const splitNul = (out: string) => out.split('\0').filter(Boolean);

/** Files of the working tree that differ from the base, untracked ones included. */
async function changedFiles(root: string, base: PlanBase): Promise<string[]> {
  const untracked = ['ls-files', '-z', '--others', '--exclude-standard'];
  const lists = base.commit
    ? [
        ['diff', '--name-only', '-z', '--no-renames', base.commit, '--'],
        untracked,
      ]
    : [[...untracked, '--cached']];
  const outputs = await Promise.all(
    lists.map(args => git(args, { cwd: root })),
  );
  return outputs.flatMap(splitNul);
}

/** The product files of a domain folder, at the base and in the working tree. */
async function productsOfDomain(
  root: string,
  base: PlanBase,
  folder: string,
): Promise<string[]> {
  const atBase = base.commit
    ? splitNul(
        await git(
          ['ls-tree', '-r', '-z', '--name-only', base.commit, '--', folder],
          {
            cwd: root,
          },
        ),
      )
    : [];
  const inTree = await fs
    .readdir(path.join(root, folder))
    .then(names => names.map(name => `${folder}${name}`))
    .catch(() => []);
  return [...atBase, ...inTree];
}

/** The paths a plan of these changes needs on both sides (see RepositorySnapshot). */
async function neededPaths(
  root: string,
  base: PlanBase,
  changed: string[],
): Promise<string[]> {
  const needed = new Set(changed.filter(isGitopsManifestPath));
  // A domain's new project moves all its products: plan each of them.
  for (const file of [...needed].filter(f => DOMAIN_FILE.test(f))) {
    const folder = `${DOMAIN_FOLDER.exec(file)![0]}products/`;
    for (const product of await productsOfDomain(root, base, folder)) {
      if (isGitopsManifestPath(product)) {
        needed.add(product);
      }
    }
  }
  // Each product is composed with its domain, which may be unchanged.
  for (const file of [...needed]) {
    const folder = DOMAIN_FOLDER.exec(file);
    if (folder) {
      needed.add(`${folder[0]}domain.yaml`);
    }
  }
  return [...needed].sort();
}

/** The files at the base commit. */
async function baseSnapshot(
  root: string,
  base: PlanBase,
  paths: string[],
): Promise<RepositorySnapshot> {
  if (!base.commit || paths.length === 0) {
    return { files: new Map(), unreadable: new Map() };
  }
  const read = await readFiles(
    root,
    base.commit,
    paths,
    GITOPS_FILE_LIMITS.maxBytes,
  );
  return { files: read.contents, unreadable: read.refused };
}

/** One file of the working tree: its text, absent, or why it is not read. */
async function readWorkingFile(
  file: string,
): Promise<{ text: string } | { refused: string } | undefined> {
  const stat = await fs.lstat(file).catch(() => undefined);
  if (!stat) {
    return undefined;
  }
  if (!stat.isFile()) {
    return {
      refused:
        'it is not a plain file (a link or a folder): meshifi reads only files',
    };
  }
  if (stat.size > GITOPS_FILE_LIMITS.maxBytes) {
    return {
      refused: `it is ${stat.size} bytes, more than the ${GITOPS_FILE_LIMITS.maxBytes} meshifi reads from one file: make it smaller or split it`,
    };
  }
  try {
    return { text: await fs.readFile(file, 'utf8') };
  } catch (error) {
    return {
      refused: `it cannot be opened (${
        (error as NodeJS.ErrnoException).code ?? String(error)
      })`,
    };
  }
}

/** The files of the working tree, uncommitted changes included. */
async function workingTreeSnapshot(
  root: string,
  paths: string[],
): Promise<RepositorySnapshot> {
  const files = new Map<string, string>();
  const unreadable = new Map<string, string>();
  for (const file of paths) {
    if (hasControlCharacter(file)) {
      unreadable.set(
        file,
        'its name contains a line break or another invisible control character, which meshifi does not read: rename the file',
      );
      continue;
    }
    const read = await readWorkingFile(path.join(root, file));
    if (read && 'text' in read) {
      files.set(file, read.text);
    } else if (read) {
      unreadable.set(file, read.refused);
    }
  }
  return { files, unreadable };
}

/**
 * What a plan needs of both sides of the change between a base commit and
 * the working tree: the files that differ, with the domain files of their
 * products and the products of a changed domain. Two git processes read
 * the base whatever the number of files; nothing else of the repository is
 * read, so a large repository with a small change plans quickly.
 */
export async function readChangeSnapshots(
  root: string,
  base: PlanBase,
): Promise<{ base: RepositorySnapshot; head: RepositorySnapshot }> {
  const paths = await neededPaths(root, base, await changedFiles(root, base));
  const [atBase, inTree] = await Promise.all([
    baseSnapshot(root, base, paths),
    workingTreeSnapshot(root, paths),
  ]);
  return { base: atBase, head: inTree };
}
