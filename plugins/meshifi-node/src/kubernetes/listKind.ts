import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import { apiResourceOf, KubernetesKind } from '@meshifi/common';

/** Which objects of a kind: all, or those the selectors match. */
export interface KindSelectors {
  labelSelector?: string;
  fieldSelector?: string;
}

type List = KubernetesListObject<KubernetesObject>;

/** The core-group kinds meshifi lists, by plural: client-node has one method each. */
const CORE_LISTS: Record<
  string,
  (core: CoreV1Api, selectors: KindSelectors) => Promise<List>
> = {
  events: (core, selectors) => core.listEventForAllNamespaces(selectors),
};

/**
 * A function listing a kind's objects in all namespaces (a cluster-scoped
 * kind has only these), the selectors applied on the server.
 */
export function listKind(
  kubeConfig: KubeConfig,
  kind: KubernetesKind,
  selectors: KindSelectors,
): () => Promise<List> {
  if (kind.group) {
    const custom = kubeConfig.makeApiClient(CustomObjectsApi);
    return () =>
      custom.listClusterCustomObject({
        ...apiResourceOf(kind),
        ...selectors,
      }) as Promise<List>;
  }
  const list = CORE_LISTS[kind.plural];
  if (!list) {
    throw new Error(
      `meshifi cannot list the core kind ${kind.kind}: add its list method to CORE_LISTS`,
    );
  }
  const core = kubeConfig.makeApiClient(CoreV1Api);
  return () => list(core, selectors);
}
