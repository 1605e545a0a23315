import { LABELS, MEDALLION_LAYERS, MedallionLayer } from '../constants';
import { placementOf } from '../compose/compose';
import { DataDomain, DataProduct, PlatformConfig } from '../model/types';
import { datasetId } from '../naming/datasetId';
import {
  serviceAccountEmail,
  serviceAccountId,
} from '../naming/serviceAccountId';
import { ProductContext } from './Capability';

/** The key under which the core step passes the ProductContext on. */
export const PRODUCT_CONTEXT_KEY = 'meshifi.io/data-product';

/** The provider config managed resources use when the platform names none. */
export const DEFAULT_PROVIDER_CONFIG = {
  kind: 'ClusterProviderConfig',
  name: 'default',
} as const;

/**
 * What the core step composed for a product, for the capabilities' steps:
 * the one place that says, for them, where the product lives and what its
 * datasets and service account are called.
 */
export function productContextOf(
  product: DataProduct,
  platform: PlatformConfig,
  domain?: DataDomain,
): ProductContext {
  const { project, location } = placementOf(product, platform, domain);
  const name = product.spec.info.name;
  const email = serviceAccountEmail(serviceAccountId(name), project);
  const domainName = product.spec.domain;
  return {
    product: name,
    namespace: product.metadata.namespace ?? 'default',
    ...(domainName ? { domain: domainName } : {}),
    project,
    location,
    serviceAccountEmail: email,
    serviceAccountId: `projects/${project}/serviceAccounts/${email}`,
    datasets: Object.fromEntries(
      MEDALLION_LAYERS.map(layer => [layer, datasetId(name, layer)]),
    ) as Record<MedallionLayer, string>,
    providerConfigRef: {
      ...(platform.providerConfig ?? DEFAULT_PROVIDER_CONFIG),
    },
    labels: {
      [LABELS.dataProduct]: name,
      ...(domainName ? { [LABELS.domain]: domainName } : {}),
    },
  };
}

/**
 * A ProductContext as it came through the pipeline context, or undefined
 * when it is not one (the core step composed nothing).
 */
export function productContextFrom(value: unknown): ProductContext | undefined {
  const context = value as Partial<ProductContext> | undefined;
  if (
    !context ||
    typeof context !== 'object' ||
    typeof context.product !== 'string' ||
    typeof context.namespace !== 'string' ||
    typeof context.project !== 'string' ||
    typeof context.serviceAccountEmail !== 'string' ||
    typeof context.datasets !== 'object'
  ) {
    return undefined;
  }
  return context as ProductContext;
}
