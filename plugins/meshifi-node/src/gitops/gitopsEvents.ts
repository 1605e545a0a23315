/**
 * The topic on Backstage's events service on which meshifi announces a push
 * to the GitOps repository, so that readers of the repository (the catalog's
 * GitOps entity provider) refresh at once instead of at their next poll.
 */
export const GITOPS_PUSHED_TOPIC = 'meshifi.gitops.pushed';

/** What a push announcement says. */
export interface GitOpsPushedPayload {
  /** The repository, without credentials. */
  remote: string;
  branch: string;
  /** The commit pushed. */
  commit: string;
  /** The file the commit added. */
  path: string;
}
