import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  inputPortsOf,
  readProductRef,
} from '../components/DataContractContent/productPorts';

export interface ReadProducts {
  /** The catalog's entity of each product read, by its ref; absent when the catalog has none. */
  byRef: Map<string, Entity>;
  loading: boolean;
  error?: Error;
}

/**
 * The catalog entities of data products, by their refs, asked for in one
 * call: their status, last day and replacement, and their pages' names.
 */
export function useProductEntities(productRefs: string[]): ReadProducts {
  const catalogApi = useApi(catalogApiRef);
  const refs = [...new Set(productRefs)].sort();
  // The refs, not the objects they came from: pages hand new ones on each refresh.
  const key = refs.join(',');
  const state = useAsync(async () => {
    const byRef = new Map<string, Entity>();
    if (refs.length === 0) {
      return byRef;
    }
    const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: refs });
    items.forEach(item => {
      if (item) {
        byRef.set(stringifyEntityRef(item), item);
      }
    });
    return byRef;
  }, [catalogApi, key]);
  return {
    byRef: state.value ?? new Map(),
    loading: state.loading,
    error: state.error,
  };
}

/** The catalog entities of the products a DataProduct reads (its input ports' products). */
export function useReadProducts(entity: Entity): ReadProducts {
  return useProductEntities(inputPortsOf(entity).map(readProductRef));
}
