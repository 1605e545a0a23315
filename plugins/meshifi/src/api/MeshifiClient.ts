import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DataProductPlanRequest,
  DataProductPlanResponse,
  ProvisioningReport,
} from '@meshifi/common';
import { MeshifiApi } from './MeshifiApi';

/**
 * Calls the meshifi backend with the signed-in user's token (the fetch API
 * adds it), so the backend checks the user's own permissions.
 *
 * @public
 */
export class MeshifiClient implements MeshifiApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getProvisioning(
    entity: CompoundEntityRef,
  ): Promise<ProvisioningReport> {
    const baseUrl = await this.discoveryApi.getBaseUrl('meshifi');
    const path = [entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/products/${path}/provisioning`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }

  async plan(
    request: DataProductPlanRequest,
  ): Promise<DataProductPlanResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('meshifi');
    const response = await this.fetchApi.fetch(`${baseUrl}/plan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
