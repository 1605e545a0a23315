import type { Logger } from '@meshifi/daemon';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import { runHttpBackend } from './httpBackend';
import { readOnlyRoute } from './readOnlyRoute';

/** A running read-only git server. */
export interface ReadOnlyGitServer {
  /** The clone URL of the repository: http://127.0.0.1:<port>/<folder name>. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves one local bare repository read-only over git's smart HTTP protocol
 * on 127.0.0.1 (port 0: any free port), for clients that only speak http(s),
 * such as Flux's source-controller. The repository may not exist yet: git
 * answers 404 until it does. Refused requests are logged, fetches are not
 * (a poller fetches every few seconds).
 */
export async function startReadOnlyGitServer(options: {
  repository: string;
  port?: number;
  logger: Logger;
}): Promise<ReadOnlyGitServer> {
  const repository = path.resolve(options.repository);
  const name = path.basename(repository);
  const projectRoot = path.dirname(repository);
  const server = http.createServer((req, res) => {
    const route = readOnlyRoute(req.method, req.url, name);
    if (route.serve) {
      runHttpBackend(req, res, { projectRoot, ...route });
      return;
    }
    options.logger.warn(
      `refused ${JSON.stringify(`${req.method} ${req.url}`)}: ${route.status} ${
        route.message
      }`,
    );
    req.resume();
    res.writeHead(route.status, { 'Content-Type': 'text/plain' });
    res.end(`${route.message}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
