import path from 'path';
import { GitOpsRepository } from '../GitOpsRepository';

/**
 * A GitOpsRepository whose remote is the bare repository `gitops.git` in
 * `dir`, created on first use with the default content as the embedded
 * default repository is, and whose mirror is `dir/mirror`: what meshifi
 * runs on without a git server.
 */
export function localGitOpsRepository(dir: string) {
  return new GitOpsRepository({
    remote: path.join(dir, 'gitops.git'),
    branch: 'main',
    mirrorDir: path.join(dir, 'mirror'),
    author: { name: 'meshifi', email: 'meshifi@localhost' },
    createIfMissing: true,
  });
}
