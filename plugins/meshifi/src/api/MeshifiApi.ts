import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  DataProductPlanRequest,
  DataProductPlanResponse,
  ProductStateSummary,
  ProvisioningReport,
} from '@meshifi/common';

/**
 * The meshifi status API as the frontend sees it.
 *
 * @public
 */
export interface MeshifiApi {
  /** What Crossplane has provisioned for a DataProduct entity. */
  getProvisioning(entity: CompoundEntityRef): Promise<ProvisioningReport>;

  /**
   * The states of many DataProducts at once, for lists; products the user
   * may not read, or the catalog does not have, are left out.
   */
  getProductStates(entityRefs: string[]): Promise<ProductStateSummary[]>;

  /**
   * What the Create page's answers give in Google Cloud, resolved by the
   * backend from the catalog with the user's credentials, and whether the
   * user may create the product in its domain.
   */
  plan(request: DataProductPlanRequest): Promise<DataProductPlanResponse>;
}

/** @public */
export const meshifiApiRef = createApiRef<MeshifiApi>({
  id: 'plugin.meshifi.service',
});
