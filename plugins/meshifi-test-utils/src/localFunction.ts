import { ChildProcess, spawn } from 'child_process';
import net from 'net';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `the function exited with code ${child.exitCode} before listening`,
      );
    }
    const open = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) {
      return;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

/** A composition function served on loopback, as `crossplane render`'s Development runtime expects. */
export interface LocalFunction {
  name: string;
  address: string;
  stop(): Promise<void>;
}

/** Starts a function server (`command` gets --insecure and --address) and waits until it listens. */
export async function startLocalFunction(
  name: string,
  command: string,
  args: string[],
): Promise<LocalFunction> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const child = spawn(
    command,
    [...args, '--insecure', `--address=${address}`],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitForPort(port, child, 20_000);
  return {
    name,
    address,
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Function objects that tell `crossplane render` to call already running servers. */
export function developmentFunctions(functions: LocalFunction[]) {
  return functions.map(fn => ({
    apiVersion: 'pkg.crossplane.io/v1',
    kind: 'Function',
    metadata: {
      name: fn.name,
      annotations: {
        'render.crossplane.io/runtime': 'Development',
        'render.crossplane.io/runtime-development-target': fn.address,
      },
    },
    spec: { package: `meshifi.local/${fn.name}:dev` },
  }));
}
