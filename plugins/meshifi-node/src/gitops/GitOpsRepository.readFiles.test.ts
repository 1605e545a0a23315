import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { GitOpsRepository } from './GitOpsRepository';

const author = { name: 'meshifi', email: 'meshifi@localhost' };
const NEWLINE_NAME = 'domains/a\nb/products/x.yaml';

describe('GitOpsRepository reading hostile files', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  /** A repository (with a work tree, as a person would push) holding `files`. */
  function remoteWith(files: Record<string, string>) {
    const remote = path.join(dir.path, 'remote');
    const run = (...args: string[]) =>
      execFileSync('git', args, { cwd: remote, encoding: 'utf8' });
    mkdirSync(remote, { recursive: true });
    run('init', '--quiet', '--initial-branch=main');
    writeFileSync(path.join(remote, 'README.md'), 'readme');
    run('add', '-A');
    run(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@localhost',
      'commit',
      '-qm',
      'start',
    );
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(remote, file)), { recursive: true });
      writeFileSync(path.join(remote, file), content);
    }
    run('add', '-A');
    run(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@localhost',
      'commit',
      '-qm',
      'files',
    );
    return new GitOpsRepository({
      remote,
      branch: 'main',
      mirrorDir: path.join(dir.path, 'mirror'),
      author,
      fullHistory: true,
    });
  }

  it('refuses a file whose name has a line break, and reads its neighbours under their own names', async () => {
    const repo = remoteWith({
      'domains/a/products/before.yaml': 'before',
      [NEWLINE_NAME]: 'hostile',
      'b/products/x.yaml': 'decoy',
      'domains/tab\there.yaml': 'tab',
      'domains/z/products/after.yaml': 'after',
    });
    const head = await repo.fetch();
    const files = await repo.listFiles(head);
    expect(files).toContain(NEWLINE_NAME);
    expect(files).toContain('domains/tab\there.yaml');

    const { contents, refused } = await repo.readFiles(head, files);
    expect(Object.fromEntries(contents)).toEqual({
      'README.md': 'readme',
      'b/products/x.yaml': 'decoy',
      'domains/a/products/before.yaml': 'before',
      'domains/z/products/after.yaml': 'after',
    });
    expect([...refused.keys()].sort()).toEqual([
      NEWLINE_NAME,
      'domains/tab\there.yaml',
    ]);
    expect(refused.get(NEWLINE_NAME)).toMatch(/line break.*rename the file/);

    const start = execFileSync('git', ['rev-parse', 'main~1'], {
      cwd: path.join(dir.path, 'remote'),
      encoding: 'utf8',
    }).trim();
    const changes = await repo.changes(start, head);
    expect(changes.changed).toContain(NEWLINE_NAME);
    expect(changes.changed).toHaveLength(5);
  });

  it('refuses a file larger than the limit, without reading it, and reads its neighbours', async () => {
    const repo = remoteWith({
      'domains/a/products/before.yaml': 'before',
      'domains/a/products/huge.yaml': 'x'.repeat(1024 * 1024),
      'domains/a/products/after.yaml': 'after',
    });
    const head = await repo.fetch();
    const files = await repo.listFiles(head, 'domains');
    const { contents, refused } = await repo.readFiles(head, files);
    expect(Object.fromEntries(contents)).toEqual({
      'domains/a/products/after.yaml': 'after',
      'domains/a/products/before.yaml': 'before',
    });
    expect(Object.fromEntries(refused)).toEqual({
      'domains/a/products/huge.yaml':
        'it is 1.0 MiB, more than the 256 KiB meshifi reads from one file: make it smaller or split it',
    });

    const larger = await repo.readFiles(head, files, {
      maxBytes: 2 * 1024 * 1024,
    });
    expect(larger.contents.get('domains/a/products/huge.yaml')).toHaveLength(
      1024 * 1024,
    );
    expect(larger.refused.size).toBe(0);
  });

  it('says a file just over the limit is over it, in bytes', async () => {
    const repo = remoteWith({
      'domains/a/products/edge.yaml': 'x'.repeat(256 * 1024 + 1),
    });
    const head = await repo.fetch();
    const { refused } = await repo.readFiles(head, [
      'domains/a/products/edge.yaml',
    ]);
    expect(refused.get('domains/a/products/edge.yaml')).toBe(
      'it is 262145 bytes, more than the 262144 bytes meshifi reads from one file: make it smaller or split it',
    );
  });
});
