import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'child_process';
import { chmodSync, writeFileSync } from 'fs';
import path from 'path';
import {
  createBareRepository,
  GitHttpServer,
  GitHttpServerOptions,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { GitOpsAccessDeniedError, GitOpsPushRejectedError } from './errors';
import { GitOpsRepository } from './GitOpsRepository';

const author = { name: 'meshifi', email: 'meshifi@localhost' };
const file = {
  path: 'domains/d/products/p.yaml',
  content: 'p',
  message: 'Add p',
  ifExists: () => new Error('exists'),
};

function remoteCommits(remote: string) {
  return execFileSync('git', ['rev-list', '--count', 'main'], {
    cwd: remote,
    encoding: 'utf8',
  }).trim();
}

/** Requests that started a fetch: one per publish attempt. */
const fetches = (server: GitHttpServer) =>
  server
    .log()
    .filter(line =>
      line.startsWith('GET /gitops.git/info/refs?service=git-upload-pack'),
    ).length;

describe('GitOpsRepository when the server refuses', () => {
  const dir = createMockDirectory();
  let server: GitHttpServer | undefined;

  beforeEach(() => dir.clear());
  afterEach(() => server?.stop());

  const start = async (credentials?: GitHttpServerOptions['credentials']) => {
    server = await startGitHttpServer(path.join(dir.path, 'server'), {
      credentials,
    });
    return createBareRepository(path.join(dir.path, 'server'), 'gitops.git');
  };

  const repository = (remote: string) =>
    new GitOpsRepository({
      remote,
      branch: 'main',
      mirrorDir: path.join(dir.path, 'mirror'),
      author,
    });

  it('reports a push a server-side hook declines at once, with its reason', async () => {
    const remote = await start();
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      '#!/bin/sh\necho "main is protected: open a pull request instead" >&2\nexit 1\n',
    );
    chmodSync(hook, 0o755);

    const attempt = repository(server!.url('gitops.git')).publishFile(file);
    await expect(attempt).rejects.toThrow(GitOpsPushRejectedError);
    await expect(attempt).rejects.toThrow(
      /refused to accept domains\/d\/products\/p\.yaml.*main is protected: open a pull request instead.*Nothing was changed.*platform team.*branch protection rule or a server-side hook/,
    );
    expect(server!.pushes()).toBe(1);
    expect(fetches(server!)).toBe(1);
    expect(remoteCommits(remote)).toBe('1');
  });

  it('reports credentials that may read but not write as a refused push, tried once', async () => {
    const remote = await start({
      username: 'meshifi',
      password: 'right',
      pushOnly: true,
    });
    const attempt = repository(
      server!.url('gitops.git').replace('//', '//meshifi:wrong@'),
    ).publishFile(file);
    await expect(attempt).rejects.toThrow(GitOpsPushRejectedError);
    await expect(attempt).rejects.toThrow(
      /Authentication failed.*credentials that may write.*integrations\.github/,
    );
    await expect(attempt).rejects.not.toThrow(/wrong/);
    expect(fetches(server!)).toBe(1);
    expect(remoteCommits(remote)).toBe('1');
  });

  it('reports credentials the server refuses as a configuration problem, not an outage', async () => {
    await start({ username: 'meshifi', password: 'right' });
    const repo = repository(
      server!.url('gitops.git').replace('//', '//meshifi:wrong@'),
    );
    const attempt = repo.publishFile(file);
    await expect(attempt).rejects.toThrow(GitOpsAccessDeniedError);
    await expect(attempt).rejects.toThrow(
      /refused meshifi's credentials.*trying again will not help.*platform team/,
    );
    await expect(attempt).rejects.not.toThrow(/try again in a few minutes/);
    await expect(repo.fetch()).rejects.toThrow(GitOpsAccessDeniedError);
  });
});
