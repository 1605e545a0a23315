import {
  ConflictError,
  CustomErrorBase,
  ServiceUnavailableError,
} from '@backstage/errors';
import { GitError } from './git';
import { reasonGiven } from './gitFailures';
import { redactUrl } from './redactUrl';

/**
 * Where the credentials meshifi uses come from, for messages to the
 * platform team.
 */
const CREDENTIALS_HINT =
  'the token of the matching integrations.github (or integrations.gitlab) entry, or the user and token in meshifi.gitops.url';

/**
 * Keeps a failed git command as the `cause` of an error, without the
 * "; caused by …" CustomErrorBase adds to the message: the message already
 * says what git said, in words a person can act on.
 */
function keepMessage(error: Error, message: string) {
  error.message = message;
}

/**
 * The error a person sees when the git server cannot be reached: a
 * ServiceUnavailableError (503 where it reaches a route), with the failed
 * git command as its cause.
 */
export class GitOpsUnavailableError extends ServiceUnavailableError {
  constructor(cause: GitError) {
    const message = redactUrl(
      `The GitOps repository cannot be reached right now (${cause.message}). Nothing was changed: try again in a few minutes, and tell the platform team if it keeps happening.`,
    );
    super(message, cause);
    keepMessage(this, message);
  }
}

/**
 * The git server refuses meshifi's credentials, or hides the repository
 * from them. Trying again does not help: the configuration must change.
 */
export class GitOpsAccessDeniedError extends CustomErrorBase {
  /** What the server said, without credentials. */
  readonly reason: string;

  constructor(remote: string, cause: GitError) {
    const reason = redactUrl(reasonGiven(cause.stderr));
    const message = redactUrl(
      `The GitOps repository ${remote} refused meshifi's credentials, or does not exist for them (git said: ${reason}). Nothing was changed, and trying again will not help: tell the platform team, who must give meshifi credentials that may read and write this repository (${CREDENTIALS_HINT}), or correct meshifi.gitops.url.`,
    );
    super(message, cause);
    keepMessage(this, message);
    this.name = 'GitOpsAccessDeniedError';
    this.reason = reason;
  }
}

/**
 * The repository refused a push for a reason other than a race: a
 * server-side hook, a protected branch, credentials that may read but not
 * write. Trying again does not help.
 */
export class GitOpsPushRejectedError extends CustomErrorBase {
  /** What the server said, without credentials. */
  readonly reason: string;

  constructor(
    target: { remote: string; branch: string; path: string },
    cause: GitError,
  ) {
    const reason = redactUrl(reasonGiven(cause.stderr));
    const message = redactUrl(
      `The GitOps repository ${target.remote} refused to accept ${target.path} on its branch ${target.branch} (git said: ${reason}). Nothing was changed, and trying again will not help: tell the platform team, who must allow meshifi to push to ${target.branch} (a branch protection rule or a server-side hook may block it) or give meshifi credentials that may write to the repository (${CREDENTIALS_HINT}).`,
    );
    super(message, cause);
    keepMessage(this, message);
    this.name = 'GitOpsPushRejectedError';
    this.reason = reason;
  }
}

/**
 * Other pushes kept landing first, every time meshifi rebuilt its commit on
 * the new head: a ConflictError, with the last refused push as its cause.
 * `verb` says what meshifi tried to do with the path: add it (the default)
 * or remove it.
 */
export class GitOpsOvertakenError extends ConflictError {
  constructor(
    target: { path: string; attempts: number; verb?: 'add' | 'remove' },
    cause: GitError,
  ) {
    const verb = target.verb ?? 'add';
    const message = `The GitOps repository changed ${target.attempts} times while meshifi tried to ${verb} ${target.path}. Nothing was changed: try again.`;
    super(message, cause);
    keepMessage(this, message);
  }
}
