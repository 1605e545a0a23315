import { collectingLogger } from '@meshifi/test-utils';
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { ReadOnlyGitServer, startReadOnlyGitServer } from './readOnlyGitServer';

const git = (cwd: string, ...args: string[]) =>
  promisify(execFile)(
    'git',
    ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args],
    { cwd },
  );

describe('startReadOnlyGitServer', () => {
  let root: string;
  let server: ReadOnlyGitServer;
  const logger = collectingLogger();

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshifi-git-http-'));
    for (const name of ['gitops.git', 'other.git']) {
      await git(root, 'init', '--quiet', '--bare', '-b', 'main', name);
      // Even a repository that accepts pushes over HTTP is served read-only.
      await git(path.join(root, name), 'config', 'http.receivepack', 'true');
    }
    const work = path.join(root, 'work');
    await git(root, 'clone', '--quiet', path.join(root, 'gitops.git'), work);
    fs.writeFileSync(path.join(work, 'README.md'), 'hello\n');
    await git(work, 'add', 'README.md');
    await git(work, 'commit', '--quiet', '-m', 'first');
    await git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    server = await startReadOnlyGitServer({
      repository: path.join(root, 'gitops.git'),
      logger,
    });
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves the repository to git clone and fetch on loopback', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gitops\.git$/);
    const clone = path.join(root, 'clone');
    await git(root, 'clone', '--quiet', server.url, clone);
    expect(fs.readFileSync(path.join(clone, 'README.md'), 'utf8')).toBe(
      'hello\n',
    );
    await expect(
      git(clone, 'fetch', '--quiet', 'origin'),
    ).resolves.toBeTruthy();
  });

  it('refuses a push, and the branch stays as it was', async () => {
    const clone = path.join(root, 'pusher');
    await git(root, 'clone', '--quiet', server.url, clone);
    fs.writeFileSync(path.join(clone, 'README.md'), 'changed\n');
    await git(clone, 'commit', '--quiet', '-am', 'change');
    await expect(git(clone, 'push', 'origin', 'HEAD:main')).rejects.toThrow(
      /403/,
    );
    const { stdout } = await git(
      path.join(root, 'gitops.git'),
      'log',
      '--format=%s',
      'main',
    );
    expect(stdout.trim()).toBe('first');
    expect(logger.lines.join('\n')).toMatch(/refused .*git-receive-pack.*403/);
  });

  it('serves no other repository of the same folder', async () => {
    const otherUrl = server.url.replace('gitops.git', 'other.git');
    await expect(
      git(root, 'clone', '--quiet', otherUrl, path.join(root, 'o')),
    ).rejects.toThrow(/not found|404/);
    const escape = `${server.url}/../other.git/info/refs?service=git-upload-pack`;
    expect((await fetch(escape)).status).toBe(404);
  });

  it('answers 404 while the repository does not exist, and serves it once it does', async () => {
    const later = path.join(root, 'later.git');
    const laterServer = await startReadOnlyGitServer({
      repository: later,
      logger,
    });
    try {
      await expect(git(root, 'ls-remote', laterServer.url)).rejects.toThrow(
        /not found|404/,
      );
      await git(root, 'init', '--quiet', '--bare', '-b', 'main', 'later.git');
      await expect(git(root, 'ls-remote', laterServer.url)).resolves.toEqual(
        expect.objectContaining({ stdout: '' }),
      );
    } finally {
      await laterServer.stop();
    }
  });
});
