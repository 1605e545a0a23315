import { Config } from '@backstage/config';
import { redactUrl } from './redactUrl';

/**
 * Whether a remote is a folder on this host rather than a URL
 * (`scheme://…`) or git's scp-like ssh form (`user@host:path`, a colon
 * before the first slash). A Windows drive (`C:\…`) is a folder.
 */
export function isLocalPath(remote: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    return false;
  }
  if (/^[a-z]:[\\/]/i.test(remote)) {
    return true;
  }
  return !/^[^/\\]+:/.test(remote);
}

/**
 * Refuses a configured remote that would quietly lose what meshifi
 * publishes: in production, a folder on the backend's own disk (the demo
 * default, gone with the container, never seen by the GitOps engine), and
 * anywhere, `createIfMissing` for a server meshifi cannot create
 * repositories on.
 */
export function checkConfiguredRemote(gitops: Config, url: string) {
  if (isLocalPath(url)) {
    if (
      process.env.NODE_ENV === 'production' &&
      !gitops.getOptionalBoolean('allowLocalPath')
    ) {
      throw new Error(
        `meshifi.gitops.url is a folder on the backend's own disk (${url}), which a production meshifi does not use: what it publishes there never reaches the GitOps engine and is lost with the container. Set the environment variable MESHIFI_GITOPS_URL (read by app-config.production.yaml) to the http(s) URL of the GitOps repository. Only if that folder really is the repository the GitOps engine reads (a shared volume), set meshifi.gitops.allowLocalPath: true.`,
      );
    }
    return;
  }
  if (gitops.getOptionalBoolean('createIfMissing')) {
    throw new Error(
      redactUrl(
        `meshifi.gitops.createIfMissing only creates a repository in a folder on the backend's own disk; meshifi cannot create ${url} on its server. Create that repository on the server, and set meshifi.gitops.createIfMissing: false.`,
      ),
    );
  }
}
