import { InputError } from '@backstage/errors';
import { classifyGitFailure, git, GitError, redactUrl } from '@meshifi/node';
import path from 'path';
import { starterRepositoryError } from './starterRepositoryError';

/** What publishing a folder did. */
export interface PublishedFolder {
  commit: string;
  /** False when the folder already held exactly these files. */
  created: boolean;
}

const AUTHOR = { name: 'meshifi', email: 'meshifi@localhost' };
const ATTEMPTS = 5;
const NETWORK_TIMEOUT_MS = 30_000;

/**
 * A repository that receives whole folders, such as the platform's starter
 * dbt repository: each folder in one commit on a branch, built with git's
 * plumbing in a scratch repository on a shallow fetch of the branch (no
 * checkout of the rest), pushed without force and built again when another
 * push landed first.
 */
export class StarterRepository {
  constructor(
    private readonly options: {
      /** An http(s) URL without credentials, or a path to a bare repository. */
      remote: string;
      branch: string;
      /** git settings that authenticate, sent in the environment, never as arguments. */
      settings?: Record<string, string>;
      /** An empty folder this object may use. */
      scratch: string;
    },
  ) {}

  /**
   * Commits the files of `source` as the folder `folder` of the branch
   * (created if the repository has no such branch yet) and pushes. A folder
   * that already holds other files is refused: it is someone's project.
   */
  async publishFolder(input: {
    source: string;
    path: string;
    message: string;
  }): Promise<PublishedFolder> {
    // A repository of its own with an empty working tree: git's index
    // commands want one, and none of the remote's files is checked out.
    await this.local(['init', '--quiet', '.']);
    const tree = await this.treeOf(input.source);
    for (let attempt = 1; ; attempt++) {
      const head = await this.fetchHead();
      const existing = head
        ? await this.local([
            'rev-parse',
            '--verify',
            '--quiet',
            `${head}:${input.path}`,
          ]).then(
            out => out.trim(),
            () => undefined,
          )
        : undefined;
      if (existing === tree) {
        return { commit: head!, created: false };
      }
      if (existing) {
        throw new InputError(
          `${input.path} of ${this.remote} already holds other files: another project is there. Pick "use my own dbt project" and point at it, or ask the platform team to move it.`,
        );
      }
      const commit = await this.commitWith(
        head,
        input.path,
        tree,
        input.message,
      );
      try {
        await this.remoteGit([
          'push',
          '--quiet',
          this.options.remote,
          `${commit}:refs/heads/${this.options.branch}`,
        ]);
        return { commit, created: true };
      } catch (error) {
        this.rethrowUnlessOvertaken(error, input.path, attempt);
      }
    }
  }

  /** The remote as messages may show it. */
  get remote(): string {
    return redactUrl(this.options.remote);
  }

  /** The tree of the files of a folder, written into the scratch repository. */
  private async treeOf(source: string): Promise<string> {
    const env = {
      GIT_DIR: path.join(this.options.scratch, '.git'),
      GIT_WORK_TREE: source,
      GIT_INDEX_FILE: path.join(this.options.scratch, '.git', 'source.index'),
    };
    // --force: the project's own .gitignore names what dbt writes, not
    // what it is made of; every file rendered is part of it.
    await git(['add', '--all', '--force', '.'], { cwd: source, env });
    return (await git(['write-tree'], { cwd: source, env })).trim();
  }

  /** Fetches the branch's head, or undefined when the repository has no such branch yet. */
  private async fetchHead(): Promise<string | undefined> {
    const refs = await this.remoteGit([
      'ls-remote',
      '--heads',
      this.options.remote,
      `refs/heads/${this.options.branch}`,
    ]);
    if (!refs.trim()) {
      return undefined;
    }
    await this.remoteGit([
      'fetch',
      '--quiet',
      '--depth=1',
      '--no-tags',
      this.options.remote,
      `+refs/heads/${this.options.branch}:refs/meshifi/head`,
    ]);
    return (await this.local(['rev-parse', 'refs/meshifi/head'])).trim();
  }

  /** A commit of `head`'s tree (or an empty one) with `tree` as the folder `folder`. */
  private async commitWith(
    head: string | undefined,
    folder: string,
    tree: string,
    message: string,
  ): Promise<string> {
    const index = path.join(this.options.scratch, '.git', 'commit.index');
    const env = { GIT_INDEX_FILE: index };
    await git(head ? ['read-tree', head] : ['read-tree', '--empty'], {
      cwd: this.options.scratch,
      env,
    });
    await git(['read-tree', `--prefix=${folder}/`, tree], {
      cwd: this.options.scratch,
      env,
    });
    const combined = (
      await git(['write-tree'], { cwd: this.options.scratch, env })
    ).trim();
    return (
      await git(
        ['commit-tree', combined, ...(head ? ['-p', head] : []), '-F', '-'],
        {
          cwd: this.options.scratch,
          input: message,
          env: {
            GIT_AUTHOR_NAME: AUTHOR.name,
            GIT_AUTHOR_EMAIL: AUTHOR.email,
            GIT_COMMITTER_NAME: AUTHOR.name,
            GIT_COMMITTER_EMAIL: AUTHOR.email,
          },
        },
      )
    ).trim();
  }

  /** Returns when another push landed first and an attempt is left; throws otherwise. */
  private rethrowUnlessOvertaken(
    error: unknown,
    folder: string,
    attempt: number,
  ) {
    if (!(error instanceof GitError)) {
      throw error;
    }
    const failure = classifyGitFailure(error.stderr);
    if (failure !== 'overtaken' || attempt >= ATTEMPTS) {
      throw starterRepositoryError(failure, this.target(folder), error);
    }
  }

  private target(folder: string) {
    return { remote: this.remote, branch: this.options.branch, path: folder };
  }

  private local(args: string[]) {
    return git(args, { cwd: this.options.scratch });
  }

  /** git on the remote; a failed fetch or ls-remote says why as a push does. */
  private async remoteGit(args: string[]) {
    try {
      return await git(args, {
        cwd: this.options.scratch,
        settings: this.options.settings,
        timeoutMs: NETWORK_TIMEOUT_MS,
      });
    } catch (error) {
      if (error instanceof GitError && args[0] !== 'push') {
        const failure = classifyGitFailure(error.stderr);
        throw starterRepositoryError(
          failure === 'denied' ? 'denied' : 'unavailable',
          this.target('the starter project'),
          error,
        );
      }
      throw error;
    }
  }
}
