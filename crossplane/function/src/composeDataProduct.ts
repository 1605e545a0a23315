import {
  compose,
  DataDomain,
  DataProduct,
  MESHIFI_API_VERSION,
  placementOf,
  serviceAccountEmail,
  serviceAccountId,
  datasetId,
  MEDALLION_LAYERS,
  PlatformConfig,
} from '@meshifi/common';

/** What the function needs from the pipeline to compose a product. */
export interface DataProductRequest {
  product: DataProduct;
  platform: PlatformConfig;
  /** The product's domain: undefined when not named, null when named but not found. */
  domain: DataDomain | null | undefined;
}

/** What the function answers: the composed resources and the XR's status. */
export interface DataProductResult {
  resources: Record<string, Record<string, unknown>>;
  status: Record<string, unknown>;
}

/** The selector with which the function asks Crossplane for the product's domain. */
export function domainSelector(product: DataProduct) {
  return {
    apiVersion: MESHIFI_API_VERSION,
    kind: 'DataDomain',
    matchName: product.spec.domain,
  };
}

/**
 * Composes a DataProduct with the model's compose(). Throws, with a message
 * for the product's owners, when the product or its domain is not usable:
 * the function then returns a fatal result and no resources at all.
 */
export function composeDataProduct({
  product,
  platform,
  domain,
}: DataProductRequest): DataProductResult {
  if (domain === null) {
    throw new Error(
      `The domain "${product.spec.domain}" does not exist: create the DataDomain first, or pick an existing domain.`,
    );
  }
  const composed = compose(product, platform, domain);
  const { project, location } = placementOf(product, platform, domain);
  const resources = Object.fromEntries(
    composed.map(c => [
      c.key,
      c.resource as unknown as Record<string, unknown>,
    ]),
  );
  const name = product.spec.info.name;
  return {
    resources,
    status: {
      project,
      serviceAccountEmail: serviceAccountEmail(serviceAccountId(name), project),
      datasets: MEDALLION_LAYERS.map(layer => ({
        layer,
        datasetId: datasetId(name, layer),
        location,
      })),
    },
  };
}
