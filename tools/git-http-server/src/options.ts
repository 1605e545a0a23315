import { parseArgs } from 'util';

/** What the daemon serves, from its command line. */
export interface GitHttpServerOptions {
  /** The bare repository's folder. */
  repository: string;
  /** The port on 127.0.0.1; 0 for any free one. */
  port: number;
}

export const USAGE = `Usage: git-http-server --repository DIR [--port PORT]

Serves the local bare git repository DIR read-only over git's smart HTTP
protocol on 127.0.0.1, at http://127.0.0.1:PORT/<the folder's name>.

  --repository DIR  the bare repository (it may not exist yet)
  --port PORT       the port (default: 0, any free port)
`;

/** Throws an error with the usage for arguments it does not understand. */
export function parseOptions(argv: string[]): GitHttpServerOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        repository: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    return 'help';
  }
  if (!values.repository) {
    throw new Error(`--repository is required\n\n${USAGE}`);
  }
  const port = Number(values.port ?? '0');
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    throw new Error(
      `--port must be a port number (0 to 65535), not "${values.port}"`,
    );
  }
  return { repository: values.repository, port };
}
