import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { domainRefOf, entityRefOf } from '../DataMesh';

/**
 * The data products of a domain: those the catalog relates to it (partOf),
 * and those whose spec names it that the catalog has not processed yet.
 */
export function useDomainProducts(domain: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const domainRef = entityRefOf(domain);
  return useAsyncRetry(async () => {
    const { items } = await catalogApi.getEntities({
      filter: [
        { kind: 'DataProduct', 'relations.partOf': domainRef },
        { kind: 'DataProduct', 'spec.domain': domain.metadata.name },
      ],
    });
    return items.filter(product => domainRefOf(product) === domainRef);
  }, [catalogApi, domainRef, domain.metadata.name]);
}
