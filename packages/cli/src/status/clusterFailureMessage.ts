import { ClusterReadError, rbacResourceOf } from './ClusterReadError';

/** Which cluster was asked, as the kubeconfig names it. */
export interface ClusterTarget {
  /** The API server's URL. */
  server: string;
  /** The kubeconfig context used. */
  context: string;
}

/** The ClusterRole this package ships for the CLI (rbac/), as its README names it. */
export const CLI_CLUSTER_ROLE = 'meshifi-cli-reader';

const capitalised = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * What `meshifi status` tells a person whose read of the cluster failed:
 * which server, and what to do; for a refusal, which permission is missing
 * and the ClusterRole that grants what the CLI needs.
 */
export function clusterFailureMessage(
  error: ClusterReadError,
  cluster: ClusterTarget,
): string {
  const at = `the cluster at ${cluster.server} (context ${cluster.context})`;
  const resource = rbacResourceOf(error.kind);
  switch (error.failure.type) {
    case 'UNREACHABLE':
      return `Cannot reach ${at}: ${error.failure.message}. Check that the cluster runs and that --kubeconfig and --context name it.`;
    case 'UNAUTHORIZED':
      return `${capitalised(
        at,
      )} does not accept your credentials (HTTP 401): they may have expired. Log in to the cluster again, or ask your platform team for access.`;
    case 'FORBIDDEN':
      return `You may not list ${resource} on ${at} (HTTP 403). meshifi status needs get and list on DataProducts, DataDomains, the GCP managed resources and Events: ask your platform team to bind you the ClusterRole ${CLI_CLUSTER_ROLE}.`;
    case 'NOT_FOUND':
      return `${capitalised(at)} does not know ${
        error.kind.kind
      } (${resource}): is meshifi installed there?`;
    default:
      return `Cannot list ${resource} on ${at}: ${error.failure.message}.`;
  }
}

/**
 * What `meshifi status` tells a person whose cluster did not answer in
 * time: the server may be down, unreachable from here (a VPN), or not the
 * one meant; and how to give a slow one longer.
 */
export function clusterSilenceMessage(
  cluster: ClusterTarget,
  seconds: number,
): string {
  return `The cluster at ${cluster.server} (context ${
    cluster.context
  }) did not answer within ${seconds} ${
    seconds === 1 ? 'second' : 'seconds'
  }. Check that --kubeconfig and --context name the cluster you mean and that your network reaches it (a VPN, for instance); if they do, ask your platform team whether the cluster is up. A slow cluster can be given longer with --timeout <seconds>.`;
}
