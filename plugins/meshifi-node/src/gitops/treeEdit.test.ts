import { createMockDirectory } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { git } from './git';
import { treeWithFile, treeWithoutFile } from './treeEdit';

/** Every file of a tree, and every folder, as git lists them. */
async function listTree(cwd: string, tree: string | undefined) {
  if (!tree) {
    return { files: [], folders: [] };
  }
  const list = async (args: string[]) =>
    (await git(['ls-tree', '-r', '-z', '--name-only', ...args, tree], { cwd }))
      .split('\0')
      .filter(Boolean)
      .sort();
  return { files: await list([]), folders: await list(['-d']) };
}

/** The folders that hold some of the files. */
function foldersOf(files: string[]) {
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      folders.add(parts.slice(0, depth).join('/'));
    }
  }
  return [...folders].sort();
}

/** Paths of up to three levels over few names, so that they share folders. */
const paths = fc.uniqueArray(
  fc
    .array(fc.constantFrom('a', 'b', 'access', 'x.yaml'), {
      minLength: 1,
      maxLength: 3,
    })
    .map(parts => parts.join('/')),
  { maxLength: 6 },
);

/** No file where another file's folder is: git's trees cannot hold both. */
const withoutClashes = (files: string[]) =>
  files.filter(file => !files.some(other => other.startsWith(`${file}/`)));

describe('treeWithoutFile', () => {
  const dir = createMockDirectory();

  beforeAll(async () => {
    await git(['init', '--quiet', '--bare', dir.path], { cwd: dir.path });
  });

  it('removes exactly the files named that the tree has, and the folders left empty', async () => {
    const blob = (
      await git(['hash-object', '-w', '--stdin'], {
        cwd: dir.path,
        input: 'grant\n',
      })
    ).trim();
    await fc.assert(
      fc.asyncProperty(paths, paths, async (generated, removals) => {
        const files = withoutClashes(generated);
        let tree: string | undefined;
        for (const file of files) {
          tree = await treeWithFile(dir.path, tree, file.split('/'), blob);
        }
        let after = tree;
        const removed: string[] = [];
        for (const file of removals) {
          if (!after) {
            break;
          }
          const next = await treeWithoutFile(dir.path, after, file.split('/'));
          if (next !== after) {
            removed.push(file);
          }
          after = next;
        }
        const kept = files.filter(file => !removals.includes(file));
        expect(removed.sort()).toEqual(
          files.filter(file => removals.includes(file)).sort(),
        );
        expect(await listTree(dir.path, after)).toEqual({
          files: kept.sort(),
          folders: foldersOf(kept),
        });
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('gives the same tree for a path that is a folder, or that runs through a file', async () => {
    const blob = (
      await git(['hash-object', '-w', '--stdin'], {
        cwd: dir.path,
        input: 'x\n',
      })
    ).trim();
    const tree = await treeWithFile(dir.path, undefined, ['a', 'b.yaml'], blob);
    for (const path of [['a'], ['a', 'b.yaml', 'c'], ['b.yaml'], ['']]) {
      expect(await treeWithoutFile(dir.path, tree, path)).toBe(tree);
    }
    expect(await treeWithoutFile(dir.path, tree, ['a', 'b.yaml'])).toBe(
      undefined,
    );
  });
});
