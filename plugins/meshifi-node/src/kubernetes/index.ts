/**
 * meshifi's one Kubernetes layer: the clusters of the Kubernetes plugin's
 * configuration, a list + watch with one recovery policy, and one error
 * type for whatever a request to a cluster meets. A subpath of its own: it
 * loads @kubernetes/client-node, which the rest of @meshifi/node does not
 * need.
 *
 * @packageDocumentation
 */

export {
  readClusterConfigs,
  SUPPORTED_AUTH_PROVIDERS,
} from './readClusterConfigs';
export type {
  ClusterConfig,
  SupportedAuthProvider,
} from './readClusterConfigs';
export { kubeConfigFor } from './kubeConfigFor';
export { loadKubeConfig } from './loadKubeConfig';
export { KubernetesWatch } from './KubernetesWatch';
export type {
  KubernetesWatchOptions,
  WatchListener,
  WatchLogger,
  WatchState,
} from './KubernetesWatch';
export { listKind } from './listKind';
export type { KindSelectors } from './listKind';
export type { Backoff } from './backoff';
export { KubernetesError, toKubernetesError } from './KubernetesError';
export type {
  KubernetesErrorType,
  KubernetesStatusDetails,
} from './KubernetesError';
