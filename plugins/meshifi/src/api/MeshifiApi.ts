import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import { ProvisioningReport } from '@meshifi/common';

/**
 * The meshifi status API as the frontend sees it.
 *
 * @public
 */
export interface MeshifiApi {
  /** What Crossplane has provisioned for a DataProduct entity. */
  getProvisioning(entity: CompoundEntityRef): Promise<ProvisioningReport>;
}

/** @public */
export const meshifiApiRef = createApiRef<MeshifiApi>({
  id: 'plugin.meshifi.service',
});
