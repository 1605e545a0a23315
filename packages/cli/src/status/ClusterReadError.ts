import { apiResourceOf, KubernetesKind } from '@meshifi/common';
import { KubernetesError } from '@meshifi/node/kubernetes';

/** A kind as RBAC names it: `datasets.bigquery.gcp.m.upbound.io`, `events`. */
export function rbacResourceOf(kind: KubernetesKind): string {
  const { group, plural } = apiResourceOf(kind);
  return group ? `${plural}.${group}` : plural;
}

/** Reading one kind from the cluster failed: which kind, and how. */
export class ClusterReadError extends Error {
  readonly name = 'ClusterReadError';
  readonly kind: KubernetesKind;
  readonly failure: KubernetesError;

  constructor(kind: KubernetesKind, failure: KubernetesError) {
    super(`cannot list ${rbacResourceOf(kind)}: ${failure.message}`, {
      cause: failure,
    });
    this.kind = kind;
    this.failure = failure;
  }
}
