import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { createHash } from 'crypto';
import {
  GitOpsAccessDeniedError,
  GitOpsOvertakenError,
  GitOpsPushRejectedError,
  GitOpsUnavailableError,
} from './errors';
import { git, GitError } from './git';
import { classifyGitFailure } from './gitFailures';
import { FileContents, readFiles } from './readFiles';
import { checkConfiguredRemote, isLocalPath } from './remotePolicy';
import { integrationSettings, splitCredentials } from './remoteCredentials';
import { treeWithFile, treeWithoutFile } from './treeEdit';
import { overtakenRetryDelayMs } from './overtakenRetryDelay';
import {
  GitAuthor,
  initGitOpsRepository,
  InitialContent,
} from './initGitOpsRepository';

export { GitOpsUnavailableError } from './errors';

export type { GitAuthor, InitialContent } from './initGitOpsRepository';

export interface GitOpsRepositoryOptions {
  /**
   * The remote: an http(s) URL or an absolute path to a bare repository.
   * Credentials in an http(s) URL (`https://user:token@host/…`) are taken
   * out of it and sent as a header: `remote` never shows them.
   */
  remote: string;
  branch: string;
  /** Where the local mirror lives (outside any repository the user sees). */
  mirrorDir: string;
  author: GitAuthor;
  /** Create a local remote that does not exist yet. */
  createIfMissing?: boolean;
  /** What a repository created by `createIfMissing` starts with. */
  initialContent?: InitialContent;
  /** git settings for the remote, e.g. an Authorization header. Never logged. */
  remoteSettings?: Record<string, string>;
  /** Time limit of one network operation. */
  timeoutMs?: number;
  /** Attempts at a push that another push overtook. Default: 20. */
  maxAttempts?: number;
  /**
   * Fetch the branch's whole history instead of its head only, so that
   * `isAncestor` can tell a force-push from a new commit. A shallow mirror
   * is completed on the next fetch.
   */
  fullHistory?: boolean;
}

/** A file to publish, and what an existing file at its path means. */
export interface PublishFileOptions {
  path: string;
  content: string;
  message: string;
  /**
   * The error to throw for the file already at the path, or undefined when
   * it is this very file (then nothing is committed).
   */
  ifExists: (existing: string) => Error | undefined;
  /**
   * The error to throw when the file may not join the repository as it is
   * at `base` (the commit it would go onto), or undefined. Runs on every
   * attempt, inside the serialized publish, so that what it checks cannot
   * change before the push.
   */
  verify?: (base: string) => Promise<Error | undefined>;
}

/** What publishing a file did. */
export interface PublishedFile {
  commit: string;
  path: string;
  /** False when the identical file was already there (a retried task). */
  created: boolean;
}

/** Files to remove in one commit. */
export interface RemoveFilesOptions {
  paths: string[];
  /** The commit message, or how to write it from the files really removed. */
  message: string | ((removed: string[]) => string);
  /**
   * The error to throw when the files may not be removed as they are at
   * `base` (the commit the removal would go onto), or undefined. Runs on
   * every attempt, inside the serialized removal, as publishFile's does.
   */
  verify?: (base: string) => Promise<Error | undefined>;
}

/** What removing files did. */
export interface RemovedFiles {
  /** The commit that removed them, or the head when there was nothing to remove. */
  commit: string;
  /** The files removed, in the order given: those the head still had. */
  removed: string[];
}

/** Files that changed between two commits. */
export interface Changes {
  changed: string[];
  deleted: string[];
}

const FETCHED_REF = 'refs/meshifi/head';

/**
 * The GitOps repository, worked with through a bare local mirror and git's
 * plumbing: no working tree is checked out, fetches are shallow and
 * incremental, and a commit rewrites only the trees along its path. Pushes
 * never force: a push that another one overtook is rebuilt on the new head
 * and tried again.
 */
export class GitOpsRepository {
  private mirrorReady?: Promise<void>;
  /** git refuses concurrent ref updates in one repository: one operation at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  static fromConfig(
    config: Config,
    options: {
      /** Who uses the mirror, e.g. scaffolder: each user gets its own. */
      purpose: string;
      /** Where mirrors live. Default: backend.workingDirectory, else the OS temp folder. */
      workingDirectory?: string;
    },
  ): GitOpsRepository | undefined {
    const gitops = config.getOptionalConfig('meshifi.gitops');
    if (!gitops) {
      return undefined;
    }
    const url = gitops.getString('url');
    checkConfiguredRemote(gitops, url);
    const local = isLocalPath(url);
    const createIfMissing =
      gitops.getOptionalBoolean('createIfMissing') ?? false;
    const remote = local
      ? path.resolve(process.cwd(), url)
      : splitCredentials(url).remote;
    return new GitOpsRepository({
      // With its credentials, if any: the constructor turns them into a header.
      remote: local ? remote : url,
      branch: gitops.getOptionalString('branch') ?? 'main',
      mirrorDir: path.join(
        options.workingDirectory ??
          config.getOptionalString('backend.workingDirectory') ??
          os.tmpdir(),
        'meshifi-gitops',
        `${options.purpose}-${createHash('sha256')
          .update(remote)
          .digest('hex')
          .slice(0, 16)}`,
      ),
      author: {
        name: gitops.getOptionalString('author.name') ?? 'meshifi',
        email: gitops.getOptionalString('author.email') ?? 'meshifi@localhost',
      },
      createIfMissing,
      // Only a repository meshifi creates starts with it: production's
      // createIfMissing: false leaves the local default's folder unused.
      initialContent:
        createIfMissing && gitops.has('initialContent')
          ? {
              folder: path.resolve(
                process.cwd(),
                gitops.getString('initialContent'),
              ),
            }
          : undefined,
      remoteSettings: local
        ? undefined
        : integrationSettings(ScmIntegrations.fromConfig(config), remote),
    });
  }

  private readonly options: GitOpsRepositoryOptions;

  constructor(options: GitOpsRepositoryOptions) {
    const { remote, settings } = splitCredentials(options.remote);
    this.options = {
      ...options,
      remote,
      // The URL's own credentials are the most specific: they win.
      remoteSettings: settings
        ? { ...options.remoteSettings, ...settings }
        : options.remoteSettings,
    };
  }

  /** The remote without credentials, for links, logs and messages. */
  get remote(): string {
    return this.options.remote;
  }

  get branch(): string {
    return this.options.branch;
  }

  /** Fetches the branch head and returns its commit. */
  fetch(): Promise<string> {
    return this.exclusive(() => this.fetchHead());
  }

  private async fetchHead(): Promise<string> {
    await this.prepare();
    try {
      await this.remoteGit([
        'fetch',
        '--quiet',
        ...(await this.historyArgs()),
        '--no-tags',
        this.options.remote,
        `+refs/heads/${this.options.branch}:${FETCHED_REF}`,
      ]);
    } catch (error) {
      if (!(error instanceof GitError)) {
        throw error;
      }
      throw classifyGitFailure(error.stderr) === 'denied'
        ? new GitOpsAccessDeniedError(this.remote, error)
        : new GitOpsUnavailableError(error);
    }
    return this.local(['rev-parse', FETCHED_REF]).then(s => s.trim());
  }

  /** Only the head, unless the whole history is wanted (then complete a shallow mirror). */
  private async historyArgs(): Promise<string[]> {
    if (!this.options.fullHistory) {
      return ['--depth=1'];
    }
    const shallow = await fs
      .access(path.join(this.options.mirrorDir, 'shallow'))
      .then(
        () => true,
        () => false,
      );
    return shallow ? ['--unshallow'] : [];
  }

  /** Every file at a commit, optionally under a folder. */
  async listFiles(commit: string, folder?: string): Promise<string[]> {
    const out = await this.local([
      'ls-tree',
      '-r',
      '-z',
      '--name-only',
      commit,
      ...(folder ? ['--', folder] : []),
    ]);
    return out.split('\0').filter(Boolean);
  }

  /** One file's content at a commit, or undefined. */
  async readFile(commit: string, file: string): Promise<string | undefined> {
    try {
      return await this.local(['cat-file', 'blob', `${commit}:${file}`]);
    } catch (error) {
      if (error instanceof GitError) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Several files' contents at a commit, read in two git processes. Files
   * the commit does not have are left out; files with a control character
   * in their name or larger than `maxBytes` (default 256 KiB) are not read
   * but listed in `refused`, with the reason.
   */
  readFiles(
    commit: string,
    files: string[],
    options: { maxBytes?: number } = {},
  ): Promise<FileContents> {
    return readFiles(this.options.mirrorDir, commit, files, options.maxBytes);
  }

  /** Files added, changed or deleted between two commits. */
  async changes(from: string, to: string): Promise<Changes> {
    const out = await this.local([
      'diff-tree',
      '-r',
      '-z',
      '--no-renames',
      '--name-status',
      from,
      to,
    ]);
    const parts = out.split('\0').filter(Boolean);
    const changes: Changes = { changed: [], deleted: [] };
    for (let i = 0; i + 1 < parts.length; i += 2) {
      (parts[i] === 'D' ? changes.deleted : changes.changed).push(parts[i + 1]);
    }
    return changes;
  }

  /** Whether the mirror still has a commit (for deltas since a previous run). */
  async hasCommit(commit: string): Promise<boolean> {
    try {
      await this.local(['cat-file', '-e', `${commit}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether `newer` has `older` in its history: false after a force-push
   * replaced it, and false when the mirror lacks either commit. Needs
   * `fullHistory`: a shallow mirror knows no ancestors.
   */
  async isAncestor(older: string, newer: string): Promise<boolean> {
    if ([older, newer].some(commit => commit.startsWith('-'))) {
      return false;
    }
    try {
      await this.local(['merge-base', '--is-ancestor', older, newer]);
      return true;
    } catch (error) {
      if (error instanceof GitError) {
        return false;
      }
      throw error;
    }
  }

  /**
   * Commits one file and pushes it. `ifExists` decides what an existing file
   * at the path means: it returns the error to throw, or undefined when the
   * existing file is this very one (then nothing is committed).
   */
  async publishFile(options: PublishFileOptions): Promise<PublishedFile> {
    return this.exclusive(() => this.publishOnce(options));
  }

  private publishOnce(options: PublishFileOptions): Promise<PublishedFile> {
    const target = { path: options.path, verb: 'add' as const };
    return this.pushChange<PublishedFile>(target, async base => {
      const existing = await this.readFile(base, options.path);
      if (existing !== undefined) {
        const error = options.ifExists(existing);
        if (error) {
          throw error;
        }
        return { result: { commit: base, path: options.path, created: false } };
      }
      const refused = await options.verify?.(base);
      if (refused) {
        throw refused;
      }
      const commit = await this.commitOnto(base, options);
      return {
        push: commit,
        result: { commit, path: options.path, created: true },
      };
    });
  }

  /**
   * Removes files in one commit and pushes it, with publishFile's
   * discipline: serialized, built on the fetched head, rebuilt and tried
   * again when another push lands first, never forced. Files the head no
   * longer has are skipped; when none is left, nothing is committed.
   */
  async removeFiles(options: RemoveFilesOptions): Promise<RemovedFiles> {
    const paths = [...new Set(options.paths)];
    const target = { path: describeFiles(paths), verb: 'remove' as const };
    return this.exclusive(() =>
      this.pushChange<RemovedFiles>(target, async base => {
        const refused = await options.verify?.(base);
        if (refused) {
          throw refused;
        }
        const { tree, removed } = await this.treeWithout(base, paths);
        if (!removed.length) {
          return { result: { commit: base, removed } };
        }
        const message =
          typeof options.message === 'string'
            ? options.message
            : options.message(removed);
        const commit = await this.commitTree(tree, base, message);
        return { push: commit, result: { commit, removed } };
      }),
    );
  }

  /** The tree of `base` without those of `paths` it has, and which those were. */
  private async treeWithout(base: string, paths: string[]) {
    let tree = (await this.local(['rev-parse', `${base}^{tree}`])).trim();
    const removed: string[] = [];
    for (const file of paths) {
      const next =
        (await treeWithoutFile(
          this.options.mirrorDir,
          tree,
          file.split('/'),
        )) ?? (await this.local(['mktree'], '')).trim();
      if (next !== tree) {
        removed.push(file);
        tree = next;
      }
    }
    return { tree, removed };
  }

  /**
   * Builds a change on the fetched head with `attemptOn` and pushes it,
   * never forcing: when another push landed first, the change is built
   * again on the new head, up to maxAttempts times. `attemptOn` gives the
   * commit to push, or a result without one when there is nothing to change.
   */
  private async pushChange<T>(
    target: { path: string; verb: 'add' | 'remove' },
    attemptOn: (base: string) => Promise<{ push?: string; result: T }>,
  ): Promise<T> {
    const attempts = this.options.maxAttempts ?? 20;
    for (let attempt = 1; ; attempt++) {
      const base = await this.fetchHead();
      const { push, result } = await attemptOn(base);
      if (!push) {
        return result;
      }
      try {
        await this.remoteGit([
          'push',
          '--quiet',
          this.options.remote,
          `${push}:refs/heads/${this.options.branch}`,
        ]);
        return result;
      } catch (error) {
        if (!(error instanceof GitError)) {
          throw error;
        }
        const failure = classifyGitFailure(error.stderr);
        if (failure === 'denied' || failure === 'refused') {
          throw new GitOpsPushRejectedError(
            {
              remote: this.remote,
              branch: this.branch,
              path:
                target.verb === 'remove'
                  ? `the removal of ${target.path}`
                  : target.path,
            },
            error,
          );
        }
        if (failure === 'unavailable') {
          throw new GitOpsUnavailableError(error);
        }
        if (attempt >= attempts) {
          throw new GitOpsOvertakenError({ ...target, attempts }, error);
        }
        await new Promise(r => setTimeout(r, overtakenRetryDelayMs(attempt)));
      }
    }
  }

  private async commitOnto(
    base: string,
    options: { path: string; content: string; message: string },
  ) {
    const blob = (
      await this.local(['hash-object', '-w', '--stdin'], options.content)
    ).trim();
    const baseTree = (await this.local(['rev-parse', `${base}^{tree}`])).trim();
    const tree = await treeWithFile(
      this.options.mirrorDir,
      baseTree,
      options.path.split('/'),
      blob,
    );
    return this.commitTree(tree, base, options.message);
  }

  private async commitTree(tree: string, parent: string, message: string) {
    const { name, email } = this.options.author;
    return (
      await git(['commit-tree', tree, '-p', parent, '-F', '-'], {
        cwd: this.options.mirrorDir,
        input: message,
        env: {
          GIT_AUTHOR_NAME: name,
          GIT_AUTHOR_EMAIL: email,
          GIT_COMMITTER_NAME: name,
          GIT_COMMITTER_EMAIL: email,
        },
      })
    ).trim();
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private prepare(): Promise<void> {
    this.mirrorReady ??= (async () => {
      if (this.options.createIfMissing && isLocalPath(this.options.remote)) {
        await initGitOpsRepository(
          this.options.remote,
          this.options.branch,
          this.options.author,
          this.options.initialContent,
        );
      }
      await fs.mkdir(this.options.mirrorDir, { recursive: true });
      await git(['init', '--quiet', '--bare', this.options.mirrorDir], {
        cwd: this.options.mirrorDir,
      });
      await removeStaleLocks(this.options.mirrorDir);
    })().catch(error => {
      this.mirrorReady = undefined;
      throw error;
    });
    return this.mirrorReady;
  }

  private local(args: string[], input?: string) {
    return git(args, { cwd: this.options.mirrorDir, input });
  }

  private remoteGit(args: string[]) {
    return git(args, {
      cwd: this.options.mirrorDir,
      settings: this.options.remoteSettings,
      timeoutMs: this.options.timeoutMs ?? 30_000,
    });
  }
}

/**
 * Removes the lock files a killed git process left in the mirror. Only this
 * process uses its mirror (one per purpose, one operation at a time), so a
 * lock found before its first operation is stale, and would otherwise make
 * every fetch fail until someone deletes it by hand.
 */
async function removeStaleLocks(mirrorDir: string) {
  const candidates = [
    'shallow.lock',
    'packed-refs.lock',
    'config.lock',
    'index.lock',
    `${FETCHED_REF}.lock`,
  ];
  await Promise.all(
    candidates.map(file => fs.rm(path.join(mirrorDir, file), { force: true })),
  );
}

/** Files named in a message: the first, and how many others. */
function describeFiles(paths: string[]): string {
  if (paths.length <= 1) {
    return paths[0] ?? 'no file';
  }
  const others = paths.length - 1;
  return `${paths[0]} and ${others} other file${others === 1 ? '' : 's'}`;
}
