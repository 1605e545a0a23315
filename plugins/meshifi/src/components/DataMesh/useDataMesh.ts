import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

export interface DataMesh {
  products: Entity[];
  domains: Entity[];
}

/**
 * The data products and data domains in the catalog, as the signed-in user
 * may read them (the catalog applies their permissions). meshifi's
 * DataDomains are catalog Domains of type data-domain.
 */
export function useDataMesh() {
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async (): Promise<DataMesh> => {
    const [products, domains] = await Promise.all([
      catalogApi.getEntities({ filter: { kind: 'DataProduct' } }),
      catalogApi.getEntities({
        filter: { kind: 'Domain', 'spec.type': 'data-domain' },
      }),
    ]);
    return { products: products.items, domains: domains.items };
  }, [catalogApi]);
}
