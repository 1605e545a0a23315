import { KubeConfig } from '@kubernetes/client-node';
import {
  composedResourcesOf,
  DataDomain,
  DataProduct,
  KINDS,
  KubernetesEvent,
  KubernetesKind,
  KubernetesObject,
  LABELS,
  MANAGED_KINDS,
  productsOfNamespace,
} from '@meshifi/common';
import {
  KindSelectors,
  listKind,
  toKubernetesError,
} from '@meshifi/node/kubernetes';
import { ClusterReadError } from './ClusterReadError';
import { fieldSelector } from './fieldSelector';
import { ProductTarget } from './productTarget';

/** What the cluster has of one product: what its report is made of. */
export interface ProductInCluster {
  xr: DataProduct;
  composed: KubernetesObject[];
  events: KubernetesEvent[];
  /** Its domain, when the cluster has one for the product's namespace. */
  domain?: DataDomain;
  /** The Flux Kustomizations that apply its domain's files; none without Flux. */
  kustomizations: KubernetesObject[];
}

/** What looking a product up found. */
export type ProductLookup =
  | { found: 'one'; product: ProductInCluster }
  | { found: 'none' }
  /** The same name in several domains: the namespaces it is in. */
  | { found: 'several'; domains: string[] };

/**
 * Lists one kind, turning whatever fails into a ClusterReadError that says
 * which kind could not be read.
 */
async function list(
  kubeConfig: KubeConfig,
  kind: KubernetesKind,
  selectors: KindSelectors,
): Promise<KubernetesObject[]> {
  try {
    const answer = await listKind(kubeConfig, kind, selectors)();
    return answer.items as KubernetesObject[];
  } catch (error) {
    throw new ClusterReadError(kind, toKubernetesError(error));
  }
}

/**
 * The Flux Kustomizations that apply the files of the products of a
 * namespace. Flux is optional: a cluster without it (no such kind), or a
 * reader not allowed to see them, has none to tell of.
 */
async function kustomizationsOf(
  kubeConfig: KubeConfig,
  namespace: string,
): Promise<KubernetesObject[]> {
  try {
    return await list(kubeConfig, KINDS.fluxKustomization, {
      labelSelector: `${LABELS.productsOf}=${productsOfNamespace(namespace)}`,
    });
  } catch (error) {
    const type = (error as ClusterReadError).failure?.type;
    if (type === 'NOT_FOUND' || type === 'FORBIDDEN') {
      return [];
    }
    throw error;
  }
}

/**
 * Reads a product from a cluster once, as the backend's watch cache holds
 * it: the DataProduct (in its domain's namespace when `domain` is given),
 * the managed resources of its namespace that it composed, the events about
 * either, its DataDomain, and the Flux Kustomizations of its domain. Only
 * get/list on meshifi's kinds, the GCP managed kinds, events and Flux's
 * Kustomizations, each narrowed by the API server to the product's name,
 * namespace or domain.
 */
export async function readProductFromCluster(
  kubeConfig: KubeConfig,
  target: ProductTarget,
): Promise<ProductLookup> {
  const products = await list(kubeConfig, KINDS.dataProduct, {
    fieldSelector: fieldSelector({
      'metadata.name': target.name,
      'metadata.namespace': target.domain,
    }),
  });
  if (products.length === 0) {
    return { found: 'none' };
  }
  if (products.length > 1) {
    return {
      found: 'several',
      domains: products.map(p => p.metadata.namespace ?? '').sort(),
    };
  }
  const [xr] = products as DataProduct[];
  const namespace = xr.metadata.namespace ?? '';
  const inNamespace = {
    fieldSelector: fieldSelector({ 'metadata.namespace': namespace }),
  };
  const [managed, events, domains, kustomizations] = await Promise.all([
    Promise.all(MANAGED_KINDS.map(kind => list(kubeConfig, kind, inNamespace))),
    list(kubeConfig, KINDS.event, inNamespace),
    list(kubeConfig, KINDS.dataDomain, {
      fieldSelector: fieldSelector({ 'metadata.name': namespace }),
    }),
    kustomizationsOf(kubeConfig, namespace),
  ]);
  const composed = composedResourcesOf(xr, managed.flat());
  const about = new Set(
    [xr, ...composed].map(object => object.metadata.uid).filter(Boolean),
  );
  return {
    found: 'one',
    product: {
      xr,
      composed,
      events: (events as KubernetesEvent[]).filter(event =>
        about.has(event.involvedObject?.uid),
      ),
      domain: domains[0] as DataDomain | undefined,
      kustomizations,
    },
  };
}
