import { createHash } from 'crypto';
import os from 'os';
import path from 'path';
import { parseArgs } from 'util';

/** How the sync loop runs, from its command line and environment. */
export interface SyncOptions {
  /** The GitOps repository: an http(s) URL, or a path to a local repository. */
  repository: string;
  branch: string;
  intervalMs: number;
  /** Where the local mirror of the repository is kept. */
  mirrorDir: string;
  /** A kubeconfig file; by default $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
}

export const USAGE = `Usage: gitops-sync --repository URL [--branch BRANCH] [--interval-ms MS]
                   [--kubeconfig FILE] [--mirror-dir DIR]

Applies the meshifi GitOps repository to a cluster, as Argo CD or Flux would:
DataDomains, then DataProducts, with server-side apply; prunes what it applied
whose file is gone.

  --repository URL   the GitOps repository: http(s) URL or local path
                     (default: $MESHIFI_GITOPS_REPOSITORY)
  --branch BRANCH    the branch to apply (default: main)
  --interval-ms MS   the wait between passes (default:
                     $MESHIFI_GITOPS_SYNC_INTERVAL_MS, else 2000)
  --kubeconfig FILE  the cluster (default: $KUBECONFIG, else ~/.kube/config)
  --mirror-dir DIR   where to keep the repository's mirror (default: a folder
                     per repository in the system's temporary folder)
`;

const isUrl = (remote: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(remote);

function intervalFrom(value: string, source: string) {
  if (!/^\d+$/.test(value) || Number(value) < 100) {
    throw new Error(
      `${source} must be a whole number of milliseconds, at least 100, not "${value}"`,
    );
  }
  return Number(value);
}

/** Throws an error with the usage for arguments it does not understand. */
export function parseOptions(
  argv: string[],
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): SyncOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        repository: { type: 'string' },
        branch: { type: 'string' },
        'interval-ms': { type: 'string' },
        kubeconfig: { type: 'string' },
        'mirror-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    return 'help';
  }
  const given = values.repository ?? env.MESHIFI_GITOPS_REPOSITORY;
  if (!given) {
    throw new Error(`Give the GitOps repository.\n\n${USAGE}`);
  }
  const repository = isUrl(given) ? given : path.resolve(cwd, given);
  let intervalMs = 2000;
  if (values['interval-ms'] !== undefined) {
    intervalMs = intervalFrom(values['interval-ms'], '--interval-ms');
  } else if (env.MESHIFI_GITOPS_SYNC_INTERVAL_MS !== undefined) {
    intervalMs = intervalFrom(
      env.MESHIFI_GITOPS_SYNC_INTERVAL_MS,
      'MESHIFI_GITOPS_SYNC_INTERVAL_MS',
    );
  }
  const mirrorDir =
    values['mirror-dir'] ??
    path.join(
      os.tmpdir(),
      'meshifi-gitops',
      `sync-${createHash('sha256')
        .update(repository)
        .digest('hex')
        .slice(0, 16)}`,
    );
  return {
    repository,
    branch: values.branch ?? 'main',
    intervalMs,
    mirrorDir: path.resolve(cwd, mirrorDir),
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
  };
}
