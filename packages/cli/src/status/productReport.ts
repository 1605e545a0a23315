import {
  buildProvisioningReport,
  compose,
  ComposedResource,
  gitopsApplyOf,
  gitopsProductOf,
  ProvisioningReport,
} from '@meshifi/common';
import { clusterPlacement } from './clusterPlacement';
import { ProductInCluster } from './readProductFromCluster';

/**
 * What compose() says the product needs where the cluster placed it, or
 * nothing when that is not known yet or the product cannot compose (its
 * report then says why, from the XR's conditions).
 */
function expectedResources(product: ProductInCluster): ComposedResource[] {
  const placement = clusterPlacement(
    product.xr,
    product.composed,
    product.domain,
  );
  if (!placement) {
    return [];
  }
  try {
    return compose(product.xr, placement, product.domain);
  } catch {
    return [];
  }
}

/**
 * The product's report, built by the code the backend's status API uses,
 * from one read of the cluster: live, since it was read just now.
 */
export function productReport(
  product: ProductInCluster,
  cluster: string,
  observedAt: Date,
): ProvisioningReport {
  const { namespace = '', name } = product.xr.metadata;
  return buildProvisioningReport({
    gitopsApply: gitopsApplyOf(
      gitopsProductOf(namespace, name, product.xr),
      product.kustomizations,
    ),
    xr: product.xr,
    composed: product.composed,
    expected: expectedResources(product),
    events: product.events,
    cluster: { name: cluster, connection: 'live' },
    observedAt,
  });
}
