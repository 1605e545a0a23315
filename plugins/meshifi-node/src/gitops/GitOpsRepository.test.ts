import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { execFileSync } from 'child_process';
import path from 'path';
import { useGitOpsServer } from '@meshifi/test-utils';
import { GitOpsRepository, GitOpsUnavailableError } from './GitOpsRepository';
import { localGitOpsRepository } from './__testUtils__/localGitOpsRepository';

/** What the remote really holds, read with plain git. */
function remoteLog(remote: string) {
  return execFileSync('git', ['log', '--format=%an|%s', 'main'], {
    cwd: remote,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
}
function remoteFile(remote: string, file: string) {
  return execFileSync('git', ['show', `main:${file}`], {
    cwd: remote,
    encoding: 'utf8',
  });
}

const refuseExisting = () => new Error('exists');

describe('GitOpsRepository on a local remote', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  const repository = () => localGitOpsRepository(dir.path);

  it('creates the embedded default repository on first use', async () => {
    const repo = repository();
    const head = await repo.fetch();
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(await repo.listFiles(head)).toEqual(['README.md']);
    expect(remoteLog(repo.remote)).toEqual([
      'meshifi|Start the meshifi GitOps repository',
    ]);
  });

  it('commits a file, and only once when the same file is published again', async () => {
    const repo = repository();
    const file = {
      path: 'domains/sales/products/orders.yaml',
      content: 'kind: DataProduct\n',
      message: 'Add the data product orders',
      ifExists: (existing: string) =>
        existing === 'kind: DataProduct\n' ? undefined : refuseExisting(),
    };
    const first = await repo.publishFile(file);
    expect(first.created).toBe(true);
    expect(remoteFile(repo.remote, file.path)).toBe(file.content);

    const again = await repo.publishFile(file);
    expect(again).toEqual({
      commit: first.commit,
      path: file.path,
      created: false,
    });
    expect(remoteLog(repo.remote)).toHaveLength(2);
  });

  it('never overwrites a different file at the same path', async () => {
    const repo = repository();
    await repo.publishFile({
      path: 'a.yaml',
      content: 'one',
      message: 'one',
      ifExists: refuseExisting,
    });
    await expect(
      repo.publishFile({
        path: 'a.yaml',
        content: 'two',
        message: 'two',
        ifExists: refuseExisting,
      }),
    ).rejects.toThrow('exists');
    expect(remoteFile(repo.remote, 'a.yaml')).toBe('one');
    expect(remoteLog(repo.remote)).toHaveLength(2);
  });

  it('keeps the other files of the folders it writes into', async () => {
    const repo = repository();
    for (const name of ['a', 'b', 'c']) {
      await repo.publishFile({
        path: `domains/sales/products/${name}.yaml`,
        content: name,
        message: name,
        ifExists: refuseExisting,
      });
    }
    const head = await repo.fetch();
    expect((await repo.listFiles(head)).sort()).toEqual([
      'README.md',
      'domains/sales/products/a.yaml',
      'domains/sales/products/b.yaml',
      'domains/sales/products/c.yaml',
    ]);
    const { contents } = await repo.readFiles(head, [
      'domains/sales/products/a.yaml',
      'missing.yaml',
      'domains/sales/products/c.yaml',
    ]);
    expect([...contents.entries()]).toEqual([
      ['domains/sales/products/a.yaml', 'a'],
      ['domains/sales/products/c.yaml', 'c'],
    ]);
  });

  it('recovers from the lock files of a git process that was killed', async () => {
    const repo = repository();
    await repo.fetch();
    const mirror = path.join(dir.path, 'mirror');
    execFileSync('touch', [
      path.join(mirror, 'shallow.lock'),
      path.join(mirror, 'refs/meshifi/head.lock'),
    ]);
    const restarted = repository();
    await expect(restarted.fetch()).resolves.toMatch(/^[0-9a-f]{40}$/);
  });

  it('lists what changed between two commits', async () => {
    const repo = repository();
    const start = await repo.fetch();
    await repo.publishFile({
      path: 'x/one.yaml',
      content: '1',
      message: '1',
      ifExists: refuseExisting,
    });
    const end = await repo.fetch();
    expect(await repo.changes(start, end)).toEqual({
      changed: ['x/one.yaml'],
      deleted: [],
    });
    expect(await repo.changes(end, start)).toEqual({
      changed: [],
      deleted: ['x/one.yaml'],
    });
  });
});

describe('GitOpsRepository over smart HTTP', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);

  const repository = (mirror: string, timeoutMs?: number) =>
    gitops.repository(mirror, { timeoutMs });

  // Real git processes, five at once: slow on a busy machine.
  it('lands concurrent publishes from separate backends, each once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        repository(`mirror-${i}`).publishFile({
          path: `domains/d/products/p${i}.yaml`,
          content: `p${i}`,
          message: `Add p${i}`,
          ifExists: refuseExisting,
        }),
      ),
    );
    expect(results.every(r => r.created)).toBe(true);
    expect(
      remoteLog(gitops.remote)
        .slice(0, 5)
        .map(l => l.split('|')[1])
        .sort(),
    ).toEqual(['Add p0', 'Add p1', 'Add p2', 'Add p3', 'Add p4']);
    expect(remoteLog(gitops.remote)).toHaveLength(6);
  }, 30_000);

  it('lets only one of two concurrent creates of the same file win', async () => {
    const outcomes = await Promise.allSettled(
      ['first', 'second'].map(who =>
        repository(`mirror-${who}`).publishFile({
          path: 'domains/d/products/same.yaml',
          content: who,
          message: who,
          ifExists: refuseExisting,
        }),
      ),
    );
    expect(outcomes.map(o => o.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    expect(remoteLog(gitops.remote)).toHaveLength(2);
  });

  it('says the server cannot be reached, and changes nothing, when it is down', async () => {
    const repo = repository('mirror');
    await gitops.server.stop();
    const attempt = repo.publishFile({
      path: 'a.yaml',
      content: 'a',
      message: 'a',
      ifExists: refuseExisting,
    });
    await expect(attempt).rejects.toThrow(GitOpsUnavailableError);
    await expect(attempt).rejects.toThrow(
      /cannot be reached right now.*Nothing was changed/,
    );
    expect(remoteLog(gitops.remote)).toHaveLength(1);
  });

  it('gives up on a server that does not answer in time', async () => {
    gitops.server.setDelay(3_000);
    const repo = repository('mirror', 500);
    await expect(repo.fetch()).rejects.toThrow(/timed out after 500 ms/);
  });

  it('sends integration credentials as a header, never in the URL', () => {
    const config = new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'secret-token' }] },
      meshifi: { gitops: { url: 'https://github.com/acme/gitops.git' } },
    });
    const repo = GitOpsRepository.fromConfig(config, {
      workingDirectory: dir.path,
      purpose: 'test',
    })!;
    expect(repo.remote).toBe('https://github.com/acme/gitops.git');
    expect((repo as any).options.remoteSettings).toEqual({
      'http.extraHeader': `Authorization: Basic ${Buffer.from(
        'x-access-token:secret-token',
      ).toString('base64')}`,
    });
  });
});
