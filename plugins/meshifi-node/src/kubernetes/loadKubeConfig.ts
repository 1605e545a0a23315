import { KubeConfig } from '@kubernetes/client-node';

/** A kubeconfig file, or kubectl's default ($KUBECONFIG, ~/.kube/config, in-cluster). */
export function loadKubeConfig(file?: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (file) {
    kubeConfig.loadFromFile(file);
  } else {
    kubeConfig.loadFromDefault();
  }
  return kubeConfig;
}
