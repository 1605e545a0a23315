import { KubeConfig } from '@kubernetes/client-node';
import { ClusterConfig } from './readClusterConfigs';

/**
 * A KubeConfig for one cluster: a bearer token for serviceAccount (the
 * configured one, or the pod's own when running in the cluster), nothing for
 * localKubectlProxy.
 */
export function kubeConfigFor(cluster: ClusterConfig): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (
    cluster.authProvider === 'serviceAccount' &&
    !cluster.serviceAccountToken
  ) {
    // The pod's token file, re-read as it rotates; the configured URL wins.
    kubeConfig.loadFromCluster();
    const inCluster = kubeConfig.getCurrentCluster()!;
    kubeConfig.loadFromOptions({
      clusters: [{ ...inCluster, server: cluster.url }],
      users: kubeConfig.users,
      contexts: kubeConfig.contexts,
      currentContext: kubeConfig.currentContext,
    });
    return kubeConfig;
  }
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        caFile: cluster.caFile,
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [
      cluster.serviceAccountToken
        ? { name: 'meshifi', token: cluster.serviceAccountToken }
        : { name: 'meshifi' },
    ],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'meshifi' }],
    currentContext: cluster.name,
  });
  return kubeConfig;
}
