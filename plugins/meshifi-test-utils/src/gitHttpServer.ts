import { runHttpBackend } from '@meshifi/git-http-server';
import { initGitOpsRepository } from '@meshifi/node';
import { execFile } from 'child_process';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import { promisify } from 'util';

/** A real smart-HTTP git server on loopback, for tests. */
export interface GitHttpServer {
  /** The clone URL of a repository under the server's root. */
  url(repository: string): string;
  /** Makes every request wait this long first: a slow server. */
  setDelay(ms: number): void;
  /** Number of requests served. */
  requests(): number;
  /** Every request so far, as `METHOD /path?query STATUS`, oldest first. */
  log(): string[];
  /** Number of pushes that reached git (`POST …/git-receive-pack`), accepted or not. */
  pushes(): number;
  stop(): Promise<void>;
}

/** What the server demands of its clients. */
export interface GitHttpServerOptions {
  /**
   * HTTP basic credentials every request must carry (or only pushes, with
   * `pushOnly`); without them, or with others, the server answers 401.
   */
  credentials?: { username: string; password: string; pushOnly?: boolean };
}

/** Whether a request carries the credentials the server demands. */
function authorized(
  req: http.IncomingMessage,
  url: URL,
  credentials: GitHttpServerOptions['credentials'],
) {
  if (!credentials) {
    return true;
  }
  const push =
    url.pathname.endsWith('/git-receive-pack') ||
    url.searchParams.get('service') === 'git-receive-pack';
  if (credentials.pushOnly && !push) {
    return true;
  }
  const expected = Buffer.from(
    `${credentials.username}:${credentials.password}`,
  ).toString('base64');
  return req.headers.authorization === `Basic ${expected}`;
}

/**
 * Serves the bare repositories under `root` with `git http-backend`, git's
 * own smart-HTTP server, run as CGI behind Node's http server
 * (`runHttpBackend` of @meshifi/git-http-server), pushes included.
 */
export async function startGitHttpServer(
  root: string,
  options: GitHttpServerOptions = {},
): Promise<GitHttpServer> {
  let delay = 0;
  let count = 0;
  const log: string[] = [];
  const server = http.createServer(async (req, res) => {
    count++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.on('finish', () =>
      log.push(`${req.method} ${url.pathname}${url.search} ${res.statusCode}`),
    );
    if (delay) {
      await new Promise(r => setTimeout(r, delay));
    }
    if (!authorized(req, url, options.credentials)) {
      req.resume();
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="meshifi-test"',
      });
      res.end();
      return;
    }
    runHttpBackend(req, res, {
      projectRoot: root,
      pathInfo: url.pathname,
      query: url.search.slice(1),
      // Pushes over plain HTTP: tests only.
      remoteUser: options.credentials?.username ?? 'meshifi-test',
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: repository => `http://127.0.0.1:${port}/${repository}`,
    setDelay: ms => {
      delay = ms;
    },
    requests: () => count,
    log: () => [...log],
    pushes: () =>
      log.filter(line => /^POST \S*\/git-receive-pack /.test(line)).length,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Creates a GitOps repository under `root`, ready to receive pushes over HTTP. */
export async function createBareRepository(root: string, name: string) {
  const dir = path.join(root, name);
  await initGitOpsRepository(dir, 'main', {
    name: 'test',
    email: 'test@localhost',
  });
  await promisify(execFile)('git', ['config', 'http.receivepack', 'true'], {
    cwd: dir,
  });
  return dir;
}
