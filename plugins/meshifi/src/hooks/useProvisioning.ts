import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { ProvisioningReport } from '@meshifi/common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { meshifiApiRef } from '../api';

/**
 * What to tell the user about a failed request: the backend's own message
 * (written for them), not "Request failed with 403".
 */
export function errorMessage(error: Error): string {
  return (error as Partial<ResponseError>).cause?.message || error.message;
}

/** How often the page asks again while something is not ready yet. */
export const REFRESH_INTERVAL_MS = 5_000;

export interface Provisioning {
  report?: ProvisioningReport;
  error?: Error;
  /** The backend refused: the user may not see this product. */
  forbidden: boolean;
  loading: boolean;
  refresh: () => void;
}

/**
 * The entity's provisioning report, refreshed every few seconds until
 * everything is ready (or the user may not see it); then it stops asking.
 */
export function useProvisioning(): Provisioning {
  const { entity } = useEntity();
  const api = useApi(meshifiApiRef);
  const [state, setState] = useState<{
    report?: ProvisioningReport;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick(t => t + 1), []);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);

  useEffect(() => {
    let cancelled = false;
    api.getProvisioning(ref).then(
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

  const forbidden =
    (state.error as Partial<ResponseError> | undefined)?.statusCode === 403;
  const settled = state.report?.state === 'ready' || forbidden;

  useEffect(() => {
    if (state.loading || settled) {
      return undefined;
    }
    const timer = setTimeout(refresh, REFRESH_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [state, settled, refresh]);

  return { ...state, forbidden, refresh };
}
