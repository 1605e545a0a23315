/** A URL with a scheme, up to the next space, quote or angle bracket. */
const URL_PATTERN = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi;

/**
 * The userinfo of a URL: everything between `scheme://` and the last `@`
 * before the path. Greedy, so a password with an unescaped `@` goes too.
 */
const USERINFO_PATTERN = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;

/** A query parameter, with its name and value. */
const PARAMETER_PATTERN = /([?&;])([^=&;#]+)=([^&;#]*)/g;

/**
 * Names of query parameters that carry a secret: tokens, keys, passwords,
 * signatures (including signed cloud URLs such as `X-Amz-Signature`).
 */
const SECRET_PARAMETER =
  /(^|[-_.]|access|api|private|refresh|client|security|session)(token|key|secret|password|passwd|pwd|sig|signature|credential|credentials|auth|authorization)$/i;

const SSH_SCHEME = /^(git\+)?ssh:\/\//i;

function withoutUserinfo(url: string): string {
  return url.replace(USERINFO_PATTERN, (_, scheme: string, userinfo: string) =>
    // An ssh user name (git@) says who logs in, not how: only a password goes.
    SSH_SCHEME.test(scheme) ? `${scheme}${userinfo.split(':')[0]}@` : scheme,
  );
}

function withoutSecretParameters(url: string): string {
  return url.replace(
    PARAMETER_PATTERN,
    (whole, separator: string, name: string) =>
      SECRET_PARAMETER.test(safeDecode(name))
        ? `${separator}${name}=***`
        : whole,
  );
}

function safeDecode(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Removes the credentials from every URL in a text: the user name and
 * password before the host, and query parameters that hold a token, key,
 * password or signature (their value becomes `***`). git repeats the URL it
 * was given in its messages, and those messages reach logs, task output and
 * people. An scp-like `user@host:path` has no credentials and stays as it is.
 *
 * @public
 */
export function redactUrl(text: string): string {
  return text.replace(URL_PATTERN, url =>
    withoutSecretParameters(withoutUserinfo(url)),
  );
}
