import { git } from '@meshifi/node';
import { RepositoryError } from './RepositoryError';

/** The root folder of the git repository `cwd` is in. */
export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], { cwd })).trim();
  } catch {
    throw new RepositoryError(
      `${cwd} is not in a git repository: run meshifi plan in a clone of your GitOps repository.`,
    );
  }
}
