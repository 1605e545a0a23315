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
  /** The loop's namespace (its state ConfigMap and Events); by default `default`. */
  namespace?: string;
  /** The largest share of its objects one pass may prune; by default 25. */
  maxPrunePercent?: number;
  /** A head the operator accepts as it is (force-pushed, or pruning much). */
  acceptHead?: string;
}

export const USAGE = `Usage: gitops-sync --repository URL [--branch BRANCH] [--interval-ms MS]
                   [--kubeconfig FILE] [--mirror-dir DIR] [--namespace NS]
                   [--max-prune-percent N] [--accept-head COMMIT]

Applies the meshifi GitOps repository to a cluster, as Argo CD or Flux would:
DataDomains, then DataProducts, with server-side apply; prunes what it applied
whose file is gone. It does not apply a head that does not descend from the
last commit it applied, prune a domain that products still use, or prune more
than a share of what it applied in one pass, until told to.

  --repository URL   the GitOps repository: http(s) URL or local path
                     (default: $MESHIFI_GITOPS_REPOSITORY)
  --branch BRANCH    the branch to apply (default: main)
  --interval-ms MS   the wait between passes (default:
                     $MESHIFI_GITOPS_SYNC_INTERVAL_MS, else 2000)
  --kubeconfig FILE  the cluster (default: $KUBECONFIG, else ~/.kube/config)
  --mirror-dir DIR   where to keep the repository's mirror (default: a folder
                     per repository in the system's temporary folder)
  --namespace NS     the loop's namespace: its state ConfigMap (the last
                     commit applied) and its Events (default: default)
  --max-prune-percent N
                     prune nothing in a pass that would prune more than N% of
                     what the loop applied; 2 objects or fewer may always be
                     pruned (default: 25; 100 turns the limit off)
  --accept-head COMMIT
                     apply this head (full commit id) although it does not
                     descend from the last commit applied, and prune what it
                     asks beyond --max-prune-percent
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

function percentFrom(value: string) {
  if (!/^\d+$/.test(value) || Number(value) > 100) {
    throw new Error(
      `--max-prune-percent must be a whole number from 0 to 100, not "${value}"`,
    );
  }
  return Number(value);
}

/** A Kubernetes namespace name: a DNS label. */
function namespaceFrom(value: string) {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
    throw new Error(
      `--namespace must be a Kubernetes namespace name (lower-case letters, digits and dashes), not ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value;
}

/** A full commit id: 40 hexadecimal digits (SHA-1), or 64 (SHA-256). */
function commitFrom(value: string) {
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(value)) {
    throw new Error(
      `--accept-head must be a full commit id (40 hexadecimal digits), not ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value.toLowerCase();
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
        namespace: { type: 'string' },
        'max-prune-percent': { type: 'string' },
        'accept-head': { type: 'string' },
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
    ...(values.namespace !== undefined
      ? { namespace: namespaceFrom(values.namespace) }
      : {}),
    ...(values['max-prune-percent'] !== undefined
      ? { maxPrunePercent: percentFrom(values['max-prune-percent']) }
      : {}),
    ...(values['accept-head'] !== undefined
      ? { acceptHead: commitFrom(values['accept-head']) }
      : {}),
  };
}
