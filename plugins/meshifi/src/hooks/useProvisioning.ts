import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  productFilesSignalChannel,
  productXrOf,
  ProvisioningReport,
  ProvisioningSignal,
  provisioningSignalChannel,
} from '@meshifi/common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { meshifiApiRef } from '../api';

/**
 * What to tell the user about a failed request: the backend's own message
 * (written for them), not "Request failed with 403".
 */
export function errorMessage(error: Error): string {
  return (error as Partial<ResponseError>).cause?.message || error.message;
}

/**
 * How often the page asks again when the app has no signals (the signals
 * plugin is not installed): slow, since it asks for as long as it is open.
 */
export const FALLBACK_REFRESH_INTERVAL_MS = 30_000;

export interface Provisioning {
  report?: ProvisioningReport;
  error?: Error;
  /** The backend refused: the user may not see this product. */
  forbidden: boolean;
  loading: boolean;
  refresh: () => void;
}

/**
 * The entity's provisioning report, kept current for as long as the page is
 * open: the backend signals each change of the product in the cluster and
 * the hook refetches the report then, also after the product is ready, so a
 * later failure shows at once; a product not in the cluster yet refetches
 * when whether its domain's files apply changes. Without signals it asks every 30 s instead.
 * It stops when the user may not see the product.
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
  const xr = useMemo(() => productXrOf(entity), [entity]);
  const channel = useMemo(() => provisioningSignalChannel(xr), [xr]);
  const filesChannel = useMemo(
    () => productFilesSignalChannel(xr.namespace),
    [xr],
  );
  const { lastSignal, isSignalsAvailable } =
    useSignal<ProvisioningSignal>(channel);
  const { lastSignal: lastFilesSignal } =
    useSignal<ProvisioningSignal>(filesChannel);

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

  // Each signal refetches once; `forbidden` changing must not refetch again.
  const handledSignal = useRef<ProvisioningSignal | null>(null);
  useEffect(() => {
    if (!lastSignal || lastSignal === handledSignal.current) {
      return;
    }
    handledSignal.current = lastSignal;
    if (!forbidden) {
      refresh();
    }
  }, [lastSignal, forbidden, refresh]);

  // A product the cluster lacks hears of nothing on its own channel: whether
  // a broken file of its domain holds it back comes on the files channel.
  const notInCluster = state.report?.state === 'not-in-cluster';
  const handledFilesSignal = useRef<ProvisioningSignal | null>(null);
  useEffect(() => {
    if (!lastFilesSignal || lastFilesSignal === handledFilesSignal.current) {
      return;
    }
    handledFilesSignal.current = lastFilesSignal;
    if (notInCluster && !forbidden) {
      refresh();
    }
  }, [lastFilesSignal, notInCluster, forbidden, refresh]);

  useEffect(() => {
    if (isSignalsAvailable || state.loading || forbidden) {
      return undefined;
    }
    const timer = setTimeout(refresh, FALLBACK_REFRESH_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [isSignalsAvailable, state, forbidden, refresh]);

  return { ...state, forbidden, refresh };
}
