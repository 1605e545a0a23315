import { EventParams } from '@backstage/plugin-events-node';
import {
  GitOpsPushedPayload,
  GitOpsRepository,
  GITOPS_PUSHED_TOPIC,
} from '@meshifi/node';

/**
 * The topic of GitHub's push webhooks, as Backstage's events module for
 * GitHub (`@backstage/plugin-events-backend-module-github`) routes them.
 */
export const GITHUB_PUSH_TOPIC = 'github.push';

/** The topics on which a push to the GitOps repository can be announced. */
export const PUSH_TOPICS = [GITOPS_PUSHED_TOPIC, GITHUB_PUSH_TOPIC];

/** A repository URL as two spellings of it compare: no credentials, `.git` or trailing slash, lower case. */
function sameRepository(a: string, b: string): boolean {
  const normal = (url: string) =>
    url
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .toLowerCase();
  return normal(a) === normal(b);
}

interface GithubPushPayload {
  ref?: string;
  repository?: { clone_url?: string; html_url?: string };
}

/** Whether an event announces a push to this repository's branch. */
export function announcesPushTo(
  event: EventParams,
  repository: GitOpsRepository,
): boolean {
  if (event.topic === GITOPS_PUSHED_TOPIC) {
    const pushed = (event.eventPayload ?? {}) as Partial<GitOpsPushedPayload>;
    return (
      pushed.branch === repository.branch &&
      typeof pushed.remote === 'string' &&
      sameRepository(pushed.remote, repository.remote)
    );
  }
  const push = (event.eventPayload ?? {}) as GithubPushPayload;
  const urls = [push.repository?.clone_url, push.repository?.html_url];
  return (
    push.ref === `refs/heads/${repository.branch}` &&
    urls.some(
      url => typeof url === 'string' && sameRepository(url, repository.remote),
    )
  );
}
