import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'child_process';
import { chmodSync, writeFileSync } from 'fs';
import path from 'path';
import { commitFilesOneByOne, useGitOpsServer } from '@meshifi/test-utils';
import {
  GitOpsOvertakenError,
  GitOpsPushRejectedError,
  GitOpsUnavailableError,
} from './errors';
import { GitOpsRepository } from './GitOpsRepository';
import { localGitOpsRepository } from './__testUtils__/localGitOpsRepository';

/** What the remote's branch holds, read with plain git. */
function remoteGit(remote: string, args: string[]) {
  return execFileSync('git', args, { cwd: remote, encoding: 'utf8' }).trim();
}
const remoteSubjects = (remote: string) =>
  remoteGit(remote, ['log', '--format=%s', 'main']).split('\n');
const remoteFiles = (remote: string) =>
  remoteGit(remote, ['ls-tree', '-r', '--name-only', 'main'])
    .split('\n')
    .filter(Boolean)
    .sort();
/** Every folder of the branch, to see that none is left empty. */
const remoteFolders = (remote: string) =>
  remoteGit(remote, ['ls-tree', '-r', '-d', '--name-only', 'main'])
    .split('\n')
    .filter(Boolean)
    .sort();

/** Adds each file, holding its own path, in a commit of its own. */
const addFiles = (repo: GitOpsRepository, files: string[]) =>
  commitFilesOneByOne(
    repo,
    Object.fromEntries(files.map(file => [file, `${file}\n`])),
  );

describe('GitOpsRepository.removeFiles on a local remote', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  const repository = () => localGitOpsRepository(dir.path);

  it('removes several files in one commit, and the folders they leave empty', async () => {
    const repo = repository();
    await addFiles(repo, [
      'domains/sales/access/a.yaml',
      'domains/sales/access/b.yaml',
      'domains/sales/products/orders.yaml',
      'access/c.yaml',
      'access/d.yaml',
    ]);
    const before = remoteSubjects(repo.remote).length;

    const result = await repo.removeFiles({
      paths: [
        'domains/sales/access/a.yaml',
        'domains/sales/access/b.yaml',
        'access/c.yaml',
      ],
      message: removed => `Remove ${removed.join(', ')}`,
    });

    expect(result.removed).toEqual([
      'domains/sales/access/a.yaml',
      'domains/sales/access/b.yaml',
      'access/c.yaml',
    ]);
    expect(remoteGit(repo.remote, ['rev-parse', 'main'])).toBe(result.commit);
    expect(remoteSubjects(repo.remote)).toHaveLength(before + 1);
    expect(remoteSubjects(repo.remote)[0]).toBe(
      'Remove domains/sales/access/a.yaml, domains/sales/access/b.yaml, access/c.yaml',
    );
    expect(remoteFiles(repo.remote)).toEqual([
      'README.md',
      'access/d.yaml',
      'domains/sales/products/orders.yaml',
    ]);
    expect(remoteFolders(repo.remote)).toEqual([
      'access',
      'domains',
      'domains/sales',
      'domains/sales/products',
    ]);
  });

  it('skips files already gone, and names only those it removed', async () => {
    const repo = repository();
    await addFiles(repo, ['access/a.yaml']);

    const result = await repo.removeFiles({
      paths: [
        'access/gone.yaml',
        'access/a.yaml',
        'access/a.yaml',
        'nowhere/x',
      ],
      message: removed => `Remove ${removed.join(', ')}`,
    });

    expect(result.removed).toEqual(['access/a.yaml']);
    expect(remoteSubjects(repo.remote)[0]).toBe('Remove access/a.yaml');
    expect(remoteFiles(repo.remote)).toEqual(['README.md']);
  });

  it('commits nothing when none of the files is there', async () => {
    const repo = repository();
    await addFiles(repo, ['domains/sales/access/a.yaml']);
    const head = await repo.fetch();
    const message = jest.fn(() => 'never');

    const result = await repo.removeFiles({
      paths: ['domains/sales/access/b.yaml', 'access/a.yaml', ''],
      message,
    });

    expect(result).toEqual({ commit: head, removed: [] });
    expect(message).not.toHaveBeenCalled();
    expect(remoteGit(repo.remote, ['rev-parse', 'main'])).toBe(head);
  });

  it('removes no folder given as a file, nor what is in it', async () => {
    const repo = repository();
    await addFiles(repo, ['domains/sales/access/a.yaml']);
    const head = await repo.fetch();

    const result = await repo.removeFiles({
      paths: ['domains/sales/access', 'domains/sales/access/a.yaml/x'],
      message: 'never',
    });

    expect(result).toEqual({ commit: head, removed: [] });
    expect(remoteFiles(repo.remote)).toEqual([
      'README.md',
      'domains/sales/access/a.yaml',
    ]);
  });

  it('leaves an empty tree when the last file goes', async () => {
    const repo = repository();
    const result = await repo.removeFiles({
      paths: ['README.md'],
      message: 'Remove the README',
    });
    expect(result.removed).toEqual(['README.md']);
    expect(remoteFiles(repo.remote)).toEqual([]);
  });

  it('throws what verify refuses with, and changes nothing', async () => {
    const repo = repository();
    await addFiles(repo, ['access/a.yaml']);
    const head = await repo.fetch();
    const verify = jest.fn(async () => new Error('the grant was renewed'));

    await expect(
      repo.removeFiles({ paths: ['access/a.yaml'], message: 'x', verify }),
    ).rejects.toThrow('the grant was renewed');

    expect(verify).toHaveBeenCalledWith(head);
    expect(remoteGit(repo.remote, ['rev-parse', 'main'])).toBe(head);
  });
});

describe('GitOpsRepository.removeFiles over smart HTTP', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);

  const repository = (mirror: string, maxAttempts?: number) =>
    gitops.repository(mirror, { maxAttempts });

  it('rebuilds its commit on the new head when another push lands first, keeping that push', async () => {
    const repo = repository('mirror');
    const other = repository('other');
    await addFiles(other, ['access/a.yaml', 'access/b.yaml']);
    const bases: string[] = [];

    const result = await repo.removeFiles({
      paths: ['access/a.yaml'],
      message: 'Remove a',
      // Another backend pushes between this one's fetch and its push.
      verify: async base => {
        bases.push(base);
        if (bases.length === 1) {
          await addFiles(other, ['access/c.yaml']);
        }
        return undefined;
      },
    });

    expect(bases).toHaveLength(2);
    expect(bases[1]).not.toBe(bases[0]);
    expect(result.removed).toEqual(['access/a.yaml']);
    expect(remoteSubjects(gitops.remote).slice(0, 2)).toEqual([
      'Remove a',
      'Add access/c.yaml',
    ]);
    expect(remoteFiles(gitops.remote)).toEqual([
      'README.md',
      'access/b.yaml',
      'access/c.yaml',
    ]);
  });

  it('gives up with a conflict after maxAttempts pushes all overtaken, and removes nothing', async () => {
    const repo = repository('mirror', 2);
    const other = repository('other');
    await addFiles(other, ['access/a.yaml', 'access/b.yaml']);
    let overtaking = 0;

    const attempt = repo.removeFiles({
      paths: ['access/a.yaml', 'access/b.yaml'],
      message: 'Remove a and b',
      verify: async () => {
        await addFiles(other, [`access/new-${++overtaking}.yaml`]);
        return undefined;
      },
    });

    await expect(attempt).rejects.toThrow(GitOpsOvertakenError);
    await expect(attempt).rejects.toThrow(
      'The GitOps repository changed 2 times while meshifi tried to remove access/a.yaml and 1 other file. Nothing was changed: try again.',
    );
    expect(remoteFiles(gitops.remote)).toEqual([
      'README.md',
      'access/a.yaml',
      'access/b.yaml',
      'access/new-1.yaml',
      'access/new-2.yaml',
    ]);
  });

  it('says the server cannot be reached, and changes nothing, when it is down', async () => {
    const repo = repository('mirror');
    await addFiles(repo, ['access/a.yaml']);
    const head = remoteGit(gitops.remote, ['rev-parse', 'main']);
    await gitops.server.stop();

    const attempt = repo.removeFiles({
      paths: ['access/a.yaml'],
      message: 'Remove a',
    });

    await expect(attempt).rejects.toThrow(GitOpsUnavailableError);
    await expect(attempt).rejects.toThrow(
      /cannot be reached right now.*Nothing was changed/,
    );
    expect(remoteGit(gitops.remote, ['rev-parse', 'main'])).toBe(head);
  });

  it('says the removal was refused, tried once, when a hook declines it', async () => {
    const repo = repository('mirror');
    await addFiles(repo, ['access/a.yaml']);
    const hook = path.join(gitops.remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const pushes = gitops.server.pushes();

    const attempt = repo.removeFiles({
      paths: ['access/a.yaml'],
      message: 'Remove a',
    });

    await expect(attempt).rejects.toThrow(GitOpsPushRejectedError);
    await expect(attempt).rejects.toThrow(
      /refused to accept the removal of access\/a\.yaml on its branch main.*main is protected/,
    );
    expect(gitops.server.pushes()).toBe(pushes + 1);
    expect(remoteFiles(gitops.remote)).toEqual(['README.md', 'access/a.yaml']);
  });
});
