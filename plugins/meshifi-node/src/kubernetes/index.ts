/**
 * The clusters of the Kubernetes plugin's configuration, as meshifi's
 * backend plugins read them. A subpath of its own: it loads
 * @kubernetes/client-node, which the rest of @meshifi/node does not need.
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
