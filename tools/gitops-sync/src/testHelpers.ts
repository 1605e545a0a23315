// Helpers of the tests on a real git server and control plane: plain git
// (porcelain and plumbing) to change the GitOps repository as a person would.
import {
  dataDomainManifest,
  dataProductManifest,
  DataProductSpec,
} from '@meshifi/common';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import { GitOpsSync, SyncOutcome } from './GitOpsSync';

export const author = { name: 'test', email: 'test@localhost' };

export const product = (
  name: string,
  domain?: string,
  owners: string[] = ['ana@example.com'],
): DataProductSpec => ({
  info: { name, version: '0.1.0' },
  access: { owners },
  ...(domain ? { domain } : {}),
});

export const productFile = (name: string, domain?: string) =>
  domain ? `domains/${domain}/products/${name}.yaml` : `products/${name}.yaml`;

export const productYaml = (name: string, domain?: string, owners?: string[]) =>
  stringify(dataProductManifest(product(name, domain, owners)));

export const domainYaml = (name: string) =>
  stringify(
    dataDomainManifest(name, {
      owner: 'group:default/analytics',
      gcpProject: `acme-${name}-data`,
    }),
  );

type Git = (...args: string[]) => string;

/** Runs `work` in a fresh clone of a bare repository, then removes the clone. */
function inClone<T>(bare: string, work: (git: Git, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshifi-gitops-work-'));
  const git: Git = (...args) =>
    execFileSync(
      'git',
      [
        '-c',
        `user.name=${author.name}`,
        '-c',
        `user.email=${author.email}`,
        ...args,
      ],
      { cwd: dir, stdio: 'pipe' },
    ).toString('utf8');
  try {
    git('clone', '--quiet', bare, '.');
    return work(git, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes (or with null deletes) files in a working tree. */
function change(dir: string, changes: Record<string, string | null>) {
  for (const [file, content] of Object.entries(changes)) {
    const target = path.join(dir, file);
    if (content === null) {
      fs.rmSync(target);
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  }
}

/**
 * Commits changes (null deletes a file) to a bare repository with plain
 * git, and pushes them; returns the commit.
 */
export function commit(
  bare: string,
  changes: Record<string, string | null>,
  message: string,
): string {
  return inClone(bare, (git, dir) => {
    change(dir, changes);
    git('add', '-A');
    git('commit', '--quiet', '-m', message);
    git('push', '--quiet', 'origin', 'HEAD:main');
    return git('rev-parse', 'HEAD').trim();
  });
}

/** Renames a file in a commit (git mv), and pushes it; returns the commit. */
export function rename(bare: string, from: string, to: string): string {
  return inClone(bare, git => {
    git('mv', from, to);
    git('commit', '--quiet', '-m', `Rename ${from} to ${to}`);
    git('push', '--quiet', 'origin', 'HEAD:main');
    return git('rev-parse', 'HEAD').trim();
  });
}

/**
 * Rewrites the branch: a commit on `base` (an older commit) with the
 * changes, force-pushed over the branch; returns it.
 */
export function forcePush(
  bare: string,
  base: string,
  changes: Record<string, string | null>,
  message: string,
): string {
  return inClone(bare, (git, dir) => {
    git('reset', '--quiet', '--hard', base);
    change(dir, changes);
    git('add', '-A');
    git('commit', '--quiet', '-m', message);
    git('push', '--quiet', '--force', 'origin', 'HEAD:main');
    return git('rev-parse', 'HEAD').trim();
  });
}

type Folder = Map<string, string | Folder>;

/**
 * Adds files to the branch with git's plumbing in the bare repository
 * (hash-object, mktree -z, commit-tree, update-ref), which takes any name
 * git can store, a line break included; returns the commit.
 */
export function commitWithPlumbing(
  bare: string,
  files: Record<string, string>,
  message: string,
): string {
  const git = (args: string[], input = '') =>
    execFileSync('git', args, {
      cwd: bare,
      input,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      },
    })
      .toString('utf8')
      .trim();
  // A folder's tree: the entries of `base` (a tree, if any), and `added`.
  const treeOf = (base: string | undefined, added: Folder): string => {
    const entries = new Map<string, string>();
    for (const entry of base ? git(['ls-tree', '-z', base]).split('\0') : []) {
      if (entry) {
        entries.set(entry.slice(entry.indexOf('\t') + 1), entry);
      }
    }
    for (const [name, content] of added) {
      if (typeof content === 'string') {
        entries.set(name, `100644 blob ${content}\t${name}`);
      } else {
        const subtree = entries.get(name)?.split(/[ \t]/)[2];
        entries.set(name, `040000 tree ${treeOf(subtree, content)}\t${name}`);
      }
    }
    return git(['mktree', '-z'], `${[...entries.values()].join('\0')}\0`);
  };
  const root: Folder = new Map();
  for (const [file, content] of Object.entries(files)) {
    const parts = file.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      if (!folder.has(part)) {
        folder.set(part, new Map());
      }
      folder = folder.get(part) as Folder;
    }
    const blob = git(['hash-object', '-w', '--stdin'], content);
    folder.set(parts[parts.length - 1], blob);
  }
  const head = git(['rev-parse', 'refs/heads/main']);
  const tree = treeOf(`${head}^{tree}`, root);
  const created = git(['commit-tree', tree, '-p', head, '-m', message]);
  git(['update-ref', 'refs/heads/main', created, head]);
  return created;
}

/**
 * Runs a loop's passes until `done` says so; returns every outcome. On time
 * out it throws with the last outcomes and the log, which say why.
 */
export async function syncUntil(
  loop: GitOpsSync,
  logger: { lines: string[] },
  done: (outcome: SyncOutcome) => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await loop.syncOnce();
    outcomes.push(outcome);
    if (await done(outcome)) {
      return outcomes;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out; outcomes: ${JSON.stringify(
          outcomes.slice(-3),
        )}\nlog:\n${logger.lines.join('\n')}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
