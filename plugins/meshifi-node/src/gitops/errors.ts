import { GitError } from './git';
import { reasonGiven } from './gitFailures';
import { redactUrl } from './redactUrl';

/**
 * Where the credentials meshifi uses come from, for messages to the
 * platform team.
 */
const CREDENTIALS_HINT =
  'the token of the matching integrations.github (or integrations.gitlab) entry, or the user and token in meshifi.gitops.url';

/** The error a person sees when the git server cannot be reached. */
export class GitOpsUnavailableError extends Error {
  constructor(cause: GitError) {
    super(
      redactUrl(
        `The GitOps repository cannot be reached right now (${cause.message}). Nothing was changed: try again in a few minutes, and tell the platform team if it keeps happening.`,
      ),
    );
    this.name = 'GitOpsUnavailableError';
  }
}

/**
 * The git server refuses meshifi's credentials, or hides the repository
 * from them. Trying again does not help: the configuration must change.
 */
export class GitOpsAccessDeniedError extends Error {
  /** What the server said, without credentials. */
  readonly reason: string;

  constructor(remote: string, cause: GitError) {
    const reason = redactUrl(reasonGiven(cause.stderr));
    super(
      redactUrl(
        `The GitOps repository ${remote} refused meshifi's credentials, or does not exist for them (git said: ${reason}). Nothing was changed, and trying again will not help: tell the platform team, who must give meshifi credentials that may read and write this repository (${CREDENTIALS_HINT}), or correct meshifi.gitops.url.`,
      ),
    );
    this.name = 'GitOpsAccessDeniedError';
    this.reason = reason;
  }
}

/**
 * The repository refused a push for a reason other than a race: a
 * server-side hook, a protected branch, credentials that may read but not
 * write. Trying again does not help.
 */
export class GitOpsPushRejectedError extends Error {
  /** What the server said, without credentials. */
  readonly reason: string;

  constructor(
    target: { remote: string; branch: string; path: string },
    cause: GitError,
  ) {
    const reason = redactUrl(reasonGiven(cause.stderr));
    super(
      redactUrl(
        `The GitOps repository ${target.remote} refused to accept ${target.path} on its branch ${target.branch} (git said: ${reason}). Nothing was changed, and trying again will not help: tell the platform team, who must allow meshifi to push to ${target.branch} (a branch protection rule or a server-side hook may block it) or give meshifi credentials that may write to the repository (${CREDENTIALS_HINT}).`,
      ),
    );
    this.name = 'GitOpsPushRejectedError';
    this.reason = reason;
  }
}
