import { GitOpsRepository, GitOpsRepositoryOptions } from '@meshifi/node';
import path from 'path';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from './gitHttpServer';

/** What a GitOpsRepository over the served repository may set besides. */
export type GitOpsServerRepositoryOptions = Omit<
  GitOpsRepositoryOptions,
  'remote' | 'branch' | 'mirrorDir' | 'author'
>;

/** The git server of the running test, and its repository. */
export interface GitOpsServer {
  /** The running server; stop it to take the repository out of reach. */
  server: GitHttpServer;
  /** The bare repository `gitops.git` the server serves, to read with plain git. */
  remote: string;
  /**
   * A GitOpsRepository over the served `gitops.git`, on branch `main`, as
   * the author meshifi, with its mirror in the folder `mirror` of the test's
   * directory: one mirror a backend, or a person.
   */
  repository(
    mirror: string,
    options?: GitOpsServerRepositoryOptions,
  ): GitOpsRepository;
}

/**
 * Before each test of the calling describe block, empties `dir` (a
 * MockDirectory of @backstage/backend-test-utils) and starts a real
 * smart-HTTP git server in it with a new GitOps repository `gitops.git`;
 * stops the server after the test. The fields of what it returns are those
 * of the running test: read them inside tests and hooks.
 */
export function useGitOpsServer(dir: {
  path: string;
  clear(): void;
}): GitOpsServer {
  const root = () => path.join(dir.path, 'server');
  const current = {
    repository: (mirror, options = {}) =>
      new GitOpsRepository({
        remote: current.server.url('gitops.git'),
        branch: 'main',
        mirrorDir: path.join(dir.path, mirror),
        author: { name: 'meshifi', email: 'meshifi@localhost' },
        ...options,
      }),
  } as GitOpsServer;
  beforeEach(async () => {
    dir.clear();
    current.server = await startGitHttpServer(root());
    current.remote = await createBareRepository(root(), 'gitops.git');
  });
  afterEach(() => current.server.stop());
  return current;
}
