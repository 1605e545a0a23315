import {
  ConflictError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { GitError, GitFailure } from '@meshifi/node';

/** Where meshifi's credentials for the starter repository come from. */
const CREDENTIALS_HINT =
  'the token of the integrations.github or integrations.gitlab entry of its host';

/**
 * The error a person sees when the starter repository does not take a
 * starter project, in words they can act on, with git's own (without
 * credentials) as its cause.
 */
export function starterRepositoryError(
  failure: GitFailure,
  target: { remote: string; branch: string; path: string },
  cause: GitError,
): Error {
  const said = cause.message;
  let error: Error;
  if (failure === 'denied' || failure === 'refused') {
    error = new NotAllowedError(
      `The starter repository ${target.remote} refused meshifi's push of ${target.path} to its branch ${target.branch} (${said}). Nothing was changed, and trying again will not help: tell the platform team, who must give meshifi credentials that may write to it (${CREDENTIALS_HINT}) or allow pushes to ${target.branch}.`,
      cause,
    );
  } else if (failure === 'overtaken') {
    error = new ConflictError(
      `The starter repository ${target.remote} kept changing while meshifi added ${target.path}. Nothing was changed: try again.`,
      cause,
    );
  } else {
    error = new ServiceUnavailableError(
      `The starter repository ${target.remote} cannot be reached right now (${said}). Nothing was changed: try again in a few minutes, and tell the platform team if it keeps happening.`,
      cause,
    );
  }
  // @backstage/errors appends "; caused by" and the cause's message, which
  // the message already says in words.
  error.message = error.message.replace(/; caused by [\s\S]*$/, '');
  return error;
}
