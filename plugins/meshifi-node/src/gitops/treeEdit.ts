import { git } from './git';

interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  name: string;
}

async function readTree(cwd: string, tree: string | undefined) {
  if (!tree) {
    return [];
  }
  const out = await git(['ls-tree', '-z', tree], { cwd });
  return out
    .split('\0')
    .filter(Boolean)
    .map((line): TreeEntry => {
      const [meta, name] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, name };
    });
}

/**
 * Writes a new tree in which `path` holds `blob`, reading and rewriting only
 * the trees along the path: the cost follows the depth of the path and the
 * size of its folders, not the size of the repository.
 */
export async function treeWithFile(
  cwd: string,
  tree: string | undefined,
  path: string[],
  blob: string,
): Promise<string> {
  const [name, ...rest] = path;
  const entries = await readTree(cwd, tree);
  const existing = entries.find(e => e.name === name);
  const replacement: TreeEntry =
    rest.length === 0
      ? { mode: '100644', type: 'blob', sha: blob, name }
      : {
          mode: '040000',
          type: 'tree',
          sha: await treeWithFile(
            cwd,
            existing?.type === 'tree' ? existing.sha : undefined,
            rest,
            blob,
          ),
          name,
        };
  const next = [...entries.filter(e => e.name !== name), replacement];
  return writeTree(cwd, next);
}

/**
 * Writes a new tree without the file at `path`, and without the folders its
 * removal leaves empty: git keeps no empty folders, and a folder left
 * behind would read as a domain or product that still has something. Gives
 * `tree` itself when it has no file at `path` (a folder there is not a file,
 * and stays), and undefined when nothing is left of the tree. Like
 * treeWithFile, it reads and rewrites only the trees along the path.
 */
export async function treeWithoutFile(
  cwd: string,
  tree: string,
  path: string[],
): Promise<string | undefined> {
  const [name, ...rest] = path;
  const entries = await readTree(cwd, tree);
  const existing = entries.find(e => e.name === name);
  if (!existing || existing.type !== (rest.length ? 'tree' : 'blob')) {
    return tree;
  }
  const others = entries.filter(e => e !== existing);
  if (rest.length) {
    const folder = await treeWithoutFile(cwd, existing.sha, rest);
    if (folder === existing.sha) {
      return tree;
    }
    if (folder) {
      others.push({ ...existing, sha: folder });
    }
  }
  return others.length ? writeTree(cwd, others) : undefined;
}

async function writeTree(cwd: string, entries: TreeEntry[]): Promise<string> {
  const input = entries
    .map(e => `${e.mode} ${e.type} ${e.sha}\t${e.name}\0`)
    .join('');
  return (await git(['mktree', '-z'], { cwd, input })).trim();
}
