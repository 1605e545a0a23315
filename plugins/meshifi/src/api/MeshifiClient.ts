import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AccessDeclineInput,
  AccessRequest,
  ConsumerAccessReport,
  DataProductPlanRequest,
  DataProductPlanResponse,
  PRODUCT_STATES_MAX_REFS,
  ProductAccessReport,
  ProductStateSummary,
  ProductStatesResponse,
  ProvisioningReport,
} from '@meshifi/common';
import { fileNameOf } from './contentDisposition';
import { DownloadedFile, MeshifiApi } from './MeshifiApi';

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

  async getProductStates(entityRefs: string[]): Promise<ProductStateSummary[]> {
    const baseUrl = await this.discoveryApi.getBaseUrl('meshifi');
    // The backend answers at most PRODUCT_STATES_MAX_REFS at a time.
    const batches: string[][] = [];
    for (let i = 0; i < entityRefs.length; i += PRODUCT_STATES_MAX_REFS) {
      batches.push(entityRefs.slice(i, i + PRODUCT_STATES_MAX_REFS));
    }
    const answers = await Promise.all(
      batches.map(async batch => {
        const response = await this.fetchApi.fetch(
          `${baseUrl}/products/states`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ entityRefs: batch }),
          },
        );
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return ((await response.json()) as ProductStatesResponse).items;
      }),
    );
    return answers.flat();
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

  async getProductAccess(
    entity: CompoundEntityRef,
  ): Promise<ProductAccessReport> {
    return this.request(
      `/products/${pathOf([entity.namespace, entity.name])}/access`,
    );
  }

  async approveAccessRequest(id: string): Promise<AccessRequest> {
    return this.request(`/access-requests/${pathOf([id])}/approve`, {
      method: 'POST',
    });
  }

  async declineAccessRequest(
    id: string,
    input: AccessDeclineInput,
  ): Promise<AccessRequest> {
    return this.request(`/access-requests/${pathOf([id])}/decline`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
  }

  async getConsumerAccess(
    entity: CompoundEntityRef,
  ): Promise<ConsumerAccessReport> {
    const kind = entity.kind.toLocaleLowerCase('en-US');
    return this.request(
      `/consumers/${pathOf([kind, entity.namespace, entity.name])}/access`,
    );
  }

  async getContractFile(
    entity: CompoundEntityRef,
    port: string,
  ): Promise<DownloadedFile> {
    return this.file(
      `/products/${pathOf([entity.namespace, entity.name])}/contracts/${pathOf([
        port,
      ])}`,
      `${entity.name}.${port}.odcs.yaml`,
    );
  }

  async getProductFile(entity: CompoundEntityRef): Promise<DownloadedFile> {
    return this.file(
      `/products/${pathOf([entity.namespace, entity.name])}/odps`,
      `${entity.name}.odps.yaml`,
    );
  }

  /**
   * A file the backend answers, fetched with the user's token (a plain link
   * would carry none), named as the backend says or else `fallbackName`.
   */
  private async file(
    path: string,
    fallbackName: string,
  ): Promise<DownloadedFile> {
    const baseUrl = await this.discoveryApi.getBaseUrl('meshifi');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return {
      fileName:
        fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName,
      content: await response.blob(),
    };
  }

  /** The backend's JSON answer, or a ResponseError carrying its message. */
  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('meshifi');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}

/** Path segments as they go into a URL, each encoded on its own. */
function pathOf(segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}
