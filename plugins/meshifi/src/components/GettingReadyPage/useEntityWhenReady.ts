import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';

/** How often the catalog is asked, and for how long before saying it takes long. */
export const READY_POLL_MS = 500;
export const READY_PATIENCE_MS = 60_000;

/** Where waiting for an entity stands. */
export type EntityReadiness = 'waiting' | 'ready' | 'late';

/**
 * Asks the catalog for an entity until it is there: a product created a
 * moment ago is in the catalog within a second or two, and its page would
 * answer "not found" until then.
 */
export function useEntityWhenReady(entityRef: string): EntityReadiness {
  const catalogApi = useApi(catalogApiRef);
  const [readiness, setReadiness] = useState<EntityReadiness>('waiting');
  useEffect(() => {
    let stopped = false;
    const started = Date.now();
    const ask = async () => {
      const entity = await catalogApi
        .getEntityByRef(entityRef)
        .catch(() => undefined);
      if (stopped) {
        return;
      }
      if (entity) {
        setReadiness('ready');
        return;
      }
      if (Date.now() - started > READY_PATIENCE_MS) {
        setReadiness('late');
      }
      setTimeout(ask, READY_POLL_MS);
    };
    ask();
    return () => {
      stopped = true;
    };
  }, [catalogApi, entityRef]);
  return readiness;
}
