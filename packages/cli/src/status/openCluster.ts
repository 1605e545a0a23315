import { KubeConfig } from '@kubernetes/client-node';
import { loadKubeConfig } from '@meshifi/node/kubernetes';
import { ClusterTarget } from './clusterFailureMessage';

/** A cluster to read, and how the kubeconfig names it. */
export interface OpenedCluster {
  kubeConfig: KubeConfig;
  target: ClusterTarget;
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0];

/**
 * The cluster a kubeconfig names, as kubectl picks it: the file given, else
 * $KUBECONFIG or ~/.kube/config; the context given, else the current one.
 * Throws an Error a person can act on when the file cannot be read or has
 * no such context.
 */
export function openCluster(options: {
  kubeconfig?: string;
  context?: string;
}): OpenedCluster {
  let kubeConfig: KubeConfig;
  try {
    kubeConfig = loadKubeConfig(options.kubeconfig);
  } catch (error) {
    throw new Error(
      `Cannot read the kubeconfig ${
        options.kubeconfig ?? '(the default one)'
      }: ${firstLine(error)}`,
    );
  }
  if (options.context) {
    if (!kubeConfig.getContextObject(options.context)) {
      const known = kubeConfig.getContexts().map(c => c.name);
      throw new Error(
        `The kubeconfig has no context ${options.context}${
          known.length > 0 ? `; it has ${known.join(', ')}` : ''
        }.`,
      );
    }
    kubeConfig.setCurrentContext(options.context);
  }
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error(
      `The kubeconfig ${
        options.kubeconfig ?? '(the default one)'
      } names no cluster for its current context: give one with --kubeconfig and --context.`,
    );
  }
  return {
    kubeConfig,
    target: { server: cluster.server, context: kubeConfig.getCurrentContext() },
  };
}
