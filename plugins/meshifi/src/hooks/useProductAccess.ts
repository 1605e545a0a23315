import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  accessSignalChannel,
  ProductAccessReport,
  productXrOf,
} from '@meshifi/common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { meshifiApiRef } from '../api';
import { FALLBACK_REFRESH_INTERVAL_MS } from './useProvisioning';

export interface ProductAccess {
  report?: ProductAccessReport;
  /** The last load's failure; the previous report stays shown with it. */
  error?: Error;
  loading: boolean;
  refresh: () => void;
}

/**
 * Who has access to a DataProduct entity, kept current while the page is
 * open: the backend signals each change of the product's requests and
 * grants (a request, a decision, a grant becoming active or failing) and
 * the hook loads the report again then. Without signals it asks every 30 s.
 */
export function useProductAccess(entity: Entity): ProductAccess {
  const api = useApi(meshifiApiRef);
  const [state, setState] = useState<{
    report?: ProductAccessReport;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick(t => t + 1), []);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const channel = useMemo(
    () => accessSignalChannel(productXrOf(entity)),
    [entity],
  );
  const { lastSignal, isSignalsAvailable } = useSignal(channel);

  useEffect(() => {
    let cancelled = false;
    setState(previous => ({ ...previous, loading: true }));
    api.getProductAccess(ref).then(
      report => !cancelled && setState({ report, loading: false }),
      error =>
        !cancelled &&
        setState(previous => ({
          report: previous.report,
          error,
          loading: false,
        })),
    );
    return () => {
      cancelled = true;
    };
  }, [api, ref, tick]);

  // Each signal loads once, however often the component renders meanwhile.
  const handledSignal = useRef<unknown>(null);
  useEffect(() => {
    if (!lastSignal || lastSignal === handledSignal.current) {
      return;
    }
    handledSignal.current = lastSignal;
    refresh();
  }, [lastSignal, refresh]);

  useEffect(() => {
    if (isSignalsAvailable || state.loading) {
      return undefined;
    }
    const timer = setTimeout(refresh, FALLBACK_REFRESH_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [isSignalsAvailable, state.loading, refresh]);

  return { ...state, refresh };
}
