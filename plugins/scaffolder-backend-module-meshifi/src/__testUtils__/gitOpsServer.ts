import { MockDirectory } from '@backstage/backend-test-utils';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import path from 'path';

/** The git server of the running test, and its repository on disk. */
export interface GitOpsServer {
  server: GitHttpServer;
  /** The bare repository `gitops.git` the server serves. */
  remote: string;
}

/**
 * Before each test of the calling describe block, empties `dir` and starts a
 * real smart-HTTP git server in it with an empty GitOps repository
 * `gitops.git`; stops the server after the test.
 */
export function useGitOpsServer(dir: MockDirectory): GitOpsServer {
  const current = {} as GitOpsServer;
  beforeEach(async () => {
    dir.clear();
    current.server = await startGitHttpServer(path.join(dir.path, 'server'));
    current.remote = await createBareRepository(
      path.join(dir.path, 'server'),
      'gitops.git',
    );
  });
  afterEach(() => current.server.stop());
  return current;
}
