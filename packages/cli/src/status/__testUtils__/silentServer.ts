import { createServer, Server, Socket } from 'node:net';

/**
 * A server on loopback that accepts connections, reads what it is sent and
 * never answers: a cluster's API server that hangs, or a load balancer in
 * front of a cluster that is gone.
 */
export class SilentServer {
  /** How many connections it accepted: a client that timed out did connect. */
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer(socket => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('data', () => {});
      socket.on('error', () => {});
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<SilentServer> {
    const silent = new SilentServer();
    await new Promise<void>(resolve =>
      silent.server.listen(0, '127.0.0.1', resolve),
    );
    return silent;
  }

  /** Its address as a kubeconfig names an API server. */
  get url(): string {
    const { port } = this.server.address() as { port: number };
    return `https://127.0.0.1:${port}`;
  }

  async close() {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise(resolve => this.server.close(resolve));
  }
}
