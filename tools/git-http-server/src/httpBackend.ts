import { spawn } from 'child_process';
import http from 'http';

/** What one request to `git http-backend` is about. */
export interface HttpBackendRequest {
  /** The folder the repositories' paths are relative to (GIT_PROJECT_ROOT). */
  projectRoot: string;
  /** The request's path below the server: /<repository>/info/refs, … */
  pathInfo: string;
  /** The query string, without its `?`. */
  query: string;
  /**
   * The authenticated user, if any: git http-backend allows a push
   * (git-receive-pack) only with one, or with http.receivepack set.
   */
  remoteUser?: string;
}

/**
 * Answers one request with `git http-backend`, git's own smart-HTTP server,
 * run as a CGI program: the request body goes to its standard input, and its
 * output (CGI headers, a blank line, the body) becomes the response. Every
 * export of the project root is allowed (GIT_HTTP_EXPORT_ALL): the caller
 * decides which paths reach this.
 */
export function runHttpBackend(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  request: HttpBackendRequest,
) {
  const backend = spawn('git', ['http-backend'], {
    env: {
      ...process.env,
      GIT_PROJECT_ROOT: request.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      ...(request.remoteUser ? { REMOTE_USER: request.remoteUser } : {}),
      PATH_INFO: request.pathInfo,
      QUERY_STRING: request.query,
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: (req.headers['git-protocol'] as string) ?? '',
    },
  });
  req.pipe(backend.stdin);
  // A client that hangs up early closes the pipe: not an error of the server.
  backend.stdin.on('error', () => undefined);
  backend.on('error', error => {
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
    }
    res.end(`cannot run git http-backend: ${error.message}\n`);
  });
  let head = Buffer.alloc(0);
  let headerDone = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      return;
    }
    headerDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('utf8').split('\r\n')) {
      const [key, ...value] = line.split(':');
      if (key.toLowerCase() === 'status') {
        status = parseInt(value.join(':').trim(), 10);
      } else {
        res.setHeader(key, value.join(':').trim());
      }
    }
    res.statusCode = status;
    res.write(head.subarray(end + 4));
  });
  backend.on('close', () => res.end());
}
