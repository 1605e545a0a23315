import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import path from 'path';
import { useGitOpsServer } from '@meshifi/test-utils';
import { GitOpsRepository } from './GitOpsRepository';

const ZERO = '0'.repeat(40);

describe('GitOpsRepository history', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);

  const repository = (fullHistory: boolean) =>
    gitops.repository('mirror', { fullHistory });

  const publish = (repo: GitOpsRepository, name: string) =>
    repo.publishFile({
      path: `${name}.yaml`,
      content: name,
      message: name,
      ifExists: () => new Error('exists'),
    });

  /** Someone replaces the branch with an unrelated commit: a force-push. */
  function forcePushUnrelated() {
    const run = (args: string[], input?: string) =>
      execFileSync('git', args, {
        cwd: gitops.remote,
        input,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'x',
          GIT_AUTHOR_EMAIL: 'x@localhost',
          GIT_COMMITTER_NAME: 'x',
          GIT_COMMITTER_EMAIL: 'x@localhost',
        },
      }).trim();
    const blob = run(['hash-object', '-w', '--stdin'], 'replaced');
    const tree = run(['mktree'], `100644 blob ${blob}\tREADME.md\n`);
    const commit = run(['commit-tree', tree, '-m', 'Replace everything']);
    run(['update-ref', 'refs/heads/main', commit]);
  }

  it('tells a new commit from a force-push that replaced the history', async () => {
    const repo = repository(true);
    const first = await repo.fetch();
    const second = (await publish(repo, 'a')).commit;
    expect(await repo.isAncestor(first, second)).toBe(true);
    expect(await repo.isAncestor(second, first)).toBe(false);

    forcePushUnrelated();
    const replaced = await repo.fetch();
    expect(replaced).not.toBe(second);
    expect(await repo.isAncestor(second, replaced)).toBe(false);
    expect(await repo.isAncestor(first, replaced)).toBe(false);
  });

  it('answers false for a commit the mirror does not have', async () => {
    const repo = repository(true);
    const head = await repo.fetch();
    expect(await repo.isAncestor(ZERO, head)).toBe(false);
    expect(await repo.isAncestor(head, ZERO)).toBe(false);
    expect(await repo.isAncestor('--help', head)).toBe(false);
  });

  it('completes a shallow mirror when the whole history is wanted', async () => {
    const writer = gitops.repository('writer');
    const first = (await publish(writer, 'a')).commit;
    await publish(writer, 'b');
    const third = (await publish(writer, 'c')).commit;

    const shallow = repository(false);
    expect(await shallow.fetch()).toBe(third);
    expect(existsSync(path.join(dir.path, 'mirror', 'shallow'))).toBe(true);
    // A shallow mirror knows no ancestors.
    expect(await shallow.isAncestor(first, third)).toBe(false);

    const full = repository(true);
    expect(await full.fetch()).toBe(third);
    expect(existsSync(path.join(dir.path, 'mirror', 'shallow'))).toBe(false);
    expect(await full.isAncestor(first, third)).toBe(true);
  });
});
