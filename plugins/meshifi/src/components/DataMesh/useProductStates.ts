import { useApi } from '@backstage/core-plugin-api';
import { ProductStateSummary } from '@meshifi/common';
import { useEffect, useMemo, useState } from 'react';
import { meshifiApiRef } from '../../api';

/** How often lists ask the backend for their products' states again. */
export const PRODUCT_STATES_REFRESH_MS = 30_000;

export interface ProductStates {
  /** The states by entity ref; a product without one shows "Unknown". */
  byRef: Map<string, ProductStateSummary>;
  /** Whether the first answer (or failure) is in. */
  loaded: boolean;
  /** The last request's failure; the previous states stay shown. */
  error?: Error;
}

/**
 * The states of the given products, asked in one request and again every
 * 30 seconds while the list is shown.
 */
export function useProductStates(entityRefs: string[]): ProductStates {
  const api = useApi(meshifiApiRef);
  // A new array with the same refs must not restart the polling.
  const key = [...entityRefs].sort().join('\n');
  const refs = useMemo(() => (key ? key.split('\n') : []), [key]);
  const [states, setStates] = useState<ProductStates>({
    byRef: new Map(),
    loaded: false,
  });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      const answer =
        refs.length === 0 ? Promise.resolve([]) : api.getProductStates(refs);
      answer
        .then(
          items => {
            if (!cancelled) {
              setStates({
                byRef: new Map(items.map(item => [item.entityRef, item])),
                loaded: true,
              });
            }
          },
          error => {
            if (!cancelled) {
              setStates(previous => ({ ...previous, loaded: true, error }));
            }
          },
        )
        .finally(() => {
          if (!cancelled) {
            timer = setTimeout(ask, PRODUCT_STATES_REFRESH_MS);
          }
        });
    };
    ask();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, refs]);

  return states;
}
