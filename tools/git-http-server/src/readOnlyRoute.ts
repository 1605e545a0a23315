/** What the read-only server does with a request. */
export type ReadOnlyRoute =
  | { serve: true; pathInfo: string; query: string }
  | { serve: false; status: 403 | 404; message: string };

const PUSH_REFUSED =
  'this server is read-only: push to the GitOps repository itself, not to this address';

function decodedPath(pathname: string) {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/**
 * Which requests reach git: only the two of a fetch over git's smart HTTP
 * protocol, for the one repository `name` (the last part of its folder's
 * path): `GET /<name>/info/refs?service=git-upload-pack` and
 * `POST /<name>/git-upload-pack`. The path given to git is built here, never
 * taken from the request, so no request names another folder. A push
 * (git-receive-pack) is refused with a 403 that says why; anything else is a
 * 404.
 */
export function readOnlyRoute(
  method: string | undefined,
  rawUrl: string | undefined,
  name: string,
): ReadOnlyRoute {
  let url: URL;
  try {
    url = new URL(rawUrl ?? '/', 'http://localhost');
  } catch {
    return { serve: false, status: 404, message: 'not found' };
  }
  const path = decodedPath(url.pathname);
  const service = url.searchParams.get('service');
  if (service === 'git-receive-pack' || path?.endsWith('/git-receive-pack')) {
    return { serve: false, status: 403, message: PUSH_REFUSED };
  }
  if (
    method === 'GET' &&
    path === `/${name}/info/refs` &&
    service === 'git-upload-pack'
  ) {
    return {
      serve: true,
      pathInfo: `/${name}/info/refs`,
      query: 'service=git-upload-pack',
    };
  }
  if (method === 'POST' && path === `/${name}/git-upload-pack`) {
    return { serve: true, pathInfo: `/${name}/git-upload-pack`, query: '' };
  }
  return { serve: false, status: 404, message: 'not found' };
}
