import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);

/** A real git repository in a temporary folder, for a test to commit to. */
export interface TestGitRepository {
  dir: string;
  /** Runs git in the repository and gives its output, trimmed. */
  git(...args: string[]): Promise<string>;
  /** Writes a file (its folders made), relative to the repository's root. */
  write(file: string, content: string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Commits everything in the working tree and gives the commit's id. */
  commitAll(message: string): Promise<string>;
  /** Deletes the folder. */
  dispose(): Promise<void>;
}

/** Creates a git repository on the branch main, with no commit yet. */
export async function createTestGitRepository(): Promise<TestGitRepository> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-cli-repo-'));
  const git = async (...args: string[]) =>
    (
      await run('git', args, {
        cwd: dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Ana',
          GIT_AUTHOR_EMAIL: 'ana@example.com',
          GIT_COMMITTER_NAME: 'Ana',
          GIT_COMMITTER_EMAIL: 'ana@example.com',
        },
      })
    ).stdout.trim();
  await git('init', '--quiet', '--initial-branch=main');
  return {
    dir,
    git,
    write: async (file, content) => {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), content);
    },
    remove: file => fs.rm(path.join(dir, file), { force: true }),
    commitAll: async message => {
      await git('add', '--all');
      await git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    dispose: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
