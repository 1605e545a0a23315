import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { GitOpsUnavailableError } from './errors';
import { GitError } from './git';
import { GitOpsRepository } from './GitOpsRepository';

const author = { name: 'meshifi', email: 'meshifi@localhost' };
const TOKEN = 's3cret-token';
const basic = (credentials: string) =>
  Buffer.from(credentials).toString('base64');

/** The command lines of every process below this one, e.g. `git fetch …`. */
function descendantCommandLines(): string[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const lines: string[] = [];
  const pending = [...(children.get(process.pid) ?? [])];
  while (pending.length) {
    const pid = pending.pop()!;
    pending.push(...(children.get(pid) ?? []));
    try {
      lines.push(
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '),
      );
    } catch {
      // Ended meanwhile.
    }
  }
  return lines;
}

/** Runs `operation`, noting the command lines of its processes while it runs. */
async function watchCommandLines<T>(operation: () => Promise<T>) {
  const seen = new Set<string>();
  const timer = setInterval(() => {
    descendantCommandLines().forEach(line => seen.add(line));
  }, 20);
  try {
    return { result: await operation(), seen: [...seen] };
  } finally {
    clearInterval(timer);
  }
}

describe('GitOpsRepository credentials', () => {
  const dir = createMockDirectory();
  let server: GitHttpServer;

  beforeEach(async () => {
    dir.clear();
    server = await startGitHttpServer(path.join(dir.path, 'server'), {
      credentials: { username: 'meshifi', password: TOKEN },
    });
    await createBareRepository(path.join(dir.path, 'server'), 'gitops.git');
  });
  afterEach(() => server.stop());

  const publish = (repo: GitOpsRepository) =>
    repo.publishFile({
      path: 'domains/d/products/p.yaml',
      content: 'p',
      message: 'Add p',
      ifExists: () => new Error('exists'),
    });

  it('never shows the credentials of a remote URL', () => {
    const repo = new GitOpsRepository({
      remote: `https://meshifi:${TOKEN}@git.example.com/org/gitops.git`,
      branch: 'main',
      mirrorDir: path.join(dir.path, 'mirror'),
      author,
    });
    expect(repo.remote).toBe('https://git.example.com/org/gitops.git');
    expect((repo as any).options.remoteSettings).toEqual({
      'http.extraHeader': `Authorization: Basic ${basic(`meshifi:${TOKEN}`)}`,
    });
  });

  it('takes the credentials of a configured URL over an integration token', () => {
    const config = new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'other' }] },
      meshifi: {
        gitops: { url: `https://meshifi:${TOKEN}@github.com/acme/gitops.git` },
      },
    });
    const repo = GitOpsRepository.fromConfig(config, {
      workingDirectory: dir.path,
      purpose: 'test',
    })!;
    expect(repo.remote).toBe('https://github.com/acme/gitops.git');
    expect((repo as any).options.remoteSettings).toEqual({
      'http.extraHeader': `Authorization: Basic ${basic(`meshifi:${TOKEN}`)}`,
    });
    expect((repo as any).options.mirrorDir).not.toContain(TOKEN);
  });

  // Reads other processes' command lines in /proc: Linux only.
  const withProc = existsSync('/proc/self/cmdline') ? describe : describe.skip;

  withProc('seen from the outside', () => {
    it('gives git the credentials of a URL in its environment, never its arguments', async () => {
      server.setDelay(700);
      const [host] = server.url('gitops.git').split('//')[1].split('/');
      const repo = new GitOpsRepository({
        remote: `http://meshifi:${TOKEN}@${host}/gitops.git`,
        branch: 'main',
        mirrorDir: path.join(dir.path, 'mirror'),
        author,
      });
      const { result, seen } = await watchCommandLines(() => publish(repo));
      expect(result.created).toBe(true);
      expect(server.pushes()).toBe(1);
      expect(seen.some(line => /^git .*fetch/.test(line))).toBe(true);
      expect(seen.some(line => /^git .*push/.test(line))).toBe(true);
      for (const line of seen) {
        expect(line).not.toContain(TOKEN);
        expect(line).not.toContain(basic(`meshifi:${TOKEN}`));
      }
    }, 30_000);

    it('gives git the remote settings (an integration token) in its environment, never its arguments', async () => {
      server.setDelay(700);
      const header = `Authorization: Basic ${basic(`meshifi:${TOKEN}`)}`;
      const repo = new GitOpsRepository({
        remote: server.url('gitops.git'),
        branch: 'main',
        mirrorDir: path.join(dir.path, 'mirror'),
        author,
        remoteSettings: { 'http.extraHeader': header },
      });
      const { result, seen } = await watchCommandLines(() => publish(repo));
      expect(result.created).toBe(true);
      expect(seen.some(line => /^git .*fetch/.test(line))).toBe(true);
      for (const line of seen) {
        expect(line).not.toContain(basic(`meshifi:${TOKEN}`));
      }
    }, 30_000);
  });
});

describe('GitError', () => {
  const stderr = [
    `fatal: unable to access 'https://x-access-token:${TOKEN}@github.com/acme/gitops.git/': The requested URL returned error: 500`,
    '',
  ].join('\n');

  it('never repeats the credentials of a URL git printed', () => {
    const error = new GitError(
      ['fetch', `https://x-access-token:${TOKEN}@github.com/acme/gitops.git`],
      128,
      stderr,
    );
    expect(error.message).toBe(
      "git fetch failed: fatal: unable to access 'https://github.com/acme/gitops.git/': The requested URL returned error: 500",
    );
    expect(error.stderr).not.toContain(TOKEN);
    expect(error.args.join(' ')).not.toContain(TOKEN);
  });

  it('is repeated without credentials by the error a person sees', () => {
    const error = new GitOpsUnavailableError(
      new GitError(['fetch'], 128, stderr),
    );
    expect(error.message).toContain('https://github.com/acme/gitops.git/');
    expect(error.message).not.toContain(TOKEN);
  });
});
