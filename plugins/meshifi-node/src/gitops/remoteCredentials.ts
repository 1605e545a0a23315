import { ScmIntegrations } from '@backstage/integration';

/** git settings that authenticate to an http(s) remote. */
export type RemoteSettings = Record<string, string>;

/** An http(s) URL with userinfo: scheme, userinfo (up to the last `@` of the host part), rest. */
const CREDENTIALED_HTTP_URL = /^(https?:\/\/)([^/?#]*)@(.*)$/is;

/**
 * The git setting that sends `user:password` as HTTP basic authentication.
 * A header, not URL userinfo: git would repeat a URL in its messages and
 * pass it on the command line of its helpers, where anyone on the host can
 * read it.
 */
export function basicAuthSettings(
  username: string,
  password: string,
): RemoteSettings {
  const basic = Buffer.from(`${username}:${password}`).toString('base64');
  return { 'http.extraHeader': `Authorization: Basic ${basic}` };
}

/**
 * Splits the credentials off an http(s) remote such as
 * `https://user:token@host/org/repo.git`: the remote without them, to show
 * and to hand to git, and the settings that send them as a header. Other
 * remotes (paths, ssh) come back unchanged.
 */
export function splitCredentials(remote: string): {
  remote: string;
  settings?: RemoteSettings;
} {
  const match = CREDENTIALED_HTTP_URL.exec(remote);
  if (!match) {
    return { remote };
  }
  const [, scheme, userinfo, rest] = match;
  const colon = userinfo.indexOf(':');
  const username = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? '' : userinfo.slice(colon + 1);
  return {
    remote: `${scheme}${rest}`,
    settings: basicAuthSettings(safeDecode(username), safeDecode(password)),
  };
}

function safeDecode(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Credentials for an http(s) remote from the matching GitHub or GitLab integration. */
export function integrationSettings(
  integrations: ScmIntegrations,
  url: string,
): RemoteSettings | undefined {
  const github = integrations.github.byUrl(url)?.config.token;
  if (github) {
    return basicAuthSettings('x-access-token', github);
  }
  const gitlab = integrations.gitlab.byUrl(url)?.config.token;
  return gitlab ? basicAuthSettings('oauth2', gitlab) : undefined;
}
