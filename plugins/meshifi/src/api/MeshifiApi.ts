import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccessDeclineInput,
  AccessRequest,
  ConsumerAccessReport,
  DataProductPlanRequest,
  DataProductPlanResponse,
  ProductAccessReport,
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

  /**
   * Who has access to a DataProduct entity, who asked for it, and whether
   * the user decides on the requests: the product's Access card.
   */
  getProductAccess(entity: CompoundEntityRef): Promise<ProductAccessReport>;

  /**
   * Approves a request as one of the product's owners; the backend commits
   * the grant. Refused when someone decided first or the user may not.
   */
  approveAccessRequest(id: string): Promise<AccessRequest>;

  /** Declines a request as one of the product's owners, saying why. */
  declineAccessRequest(
    id: string,
    input: AccessDeclineInput,
  ): Promise<AccessRequest>;

  /** What a User or Group entity may read, for its page. */
  getConsumerAccess(entity: CompoundEntityRef): Promise<ConsumerAccessReport>;

  /**
   * The data contract of one of a product's output ports, as an Open Data
   * Contract Standard (ODCS) YAML file, to save.
   */
  getContractFile(
    entity: CompoundEntityRef,
    port: string,
  ): Promise<DownloadedFile>;

  /**
   * The product's description as an Open Data Product Standard (ODPS) YAML
   * file, to save.
   */
  getProductFile(entity: CompoundEntityRef): Promise<DownloadedFile>;
}

/**
 * A file the backend answered, with the name to save it under.
 *
 * @public
 */
export interface DownloadedFile {
  /** The name the backend gave it, else one made of what it is. */
  fileName: string;
  content: Blob;
}

/** @public */
export const meshifiApiRef = createApiRef<MeshifiApi>({
  id: 'plugin.meshifi.service',
});
