import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesObject } from '@meshifi/common';
import {
  KubernetesError,
  KubernetesErrorType,
  KubernetesWatch,
  WatchListener,
} from '@meshifi/node/kubernetes';
import { WatchedKind } from './watchedKinds';

/** What the cache needs of a watch: a KubernetesWatch, or a test's own. */
export type ObjectWatch = Pick<
  KubernetesWatch,
  'start' | 'stop' | 'state' | 'get' | 'list'
>;

/** Opens the watch of one kind, telling `onChange` of every change. */
export type WatchFactory = (
  kind: WatchedKind,
  onChange: WatchListener<KubernetesObject>,
) => ObjectWatch;

/** Watches through a cluster's API server, each saying in the log when it lost the cluster. */
export function apiServerWatches(
  kubeConfig: KubeConfig,
  logger: LoggerService,
): WatchFactory {
  return (kind, onChange) =>
    new KubernetesWatch({
      kubeConfig,
      kind,
      labelSelector: kind.labelSelector,
      fieldSelector: kind.fieldSelector,
      optional: kind.optional,
      logger,
      onChange,
    });
}

/** What a platform engineer can do when the cluster refuses a watch so. */
const REMEDIES: Partial<Record<KubernetesErrorType, string>> = {
  FORBIDDEN: 'apply the RBAC manifests of @meshifi/plugin-meshifi-backend',
  NOT_FOUND:
    'are Crossplane, the meshifi package and the GCP provider installed?',
};

/** A failing watch's error in one sentence, with what a platform engineer can do about it. */
export function describeFailure(error: KubernetesError): string {
  const remedy = REMEDIES[error.type];
  return remedy ? `${error.message}; ${remedy}` : error.message;
}
