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
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { meshifiApiRef } from '../api';
import { SignalledReport, useSignalledReport } from './useSignalledReport';

export { FALLBACK_REFRESH_INTERVAL_MS } from './useSignalledReport';

/**
 * What to tell the user about a failed request: the backend's own message
 * (written for them), not "Request failed with 403".
 */
export function errorMessage(error: Error): string {
  return (error as Partial<ResponseError>).cause?.message || error.message;
}

export interface Provisioning extends SignalledReport<ProvisioningReport> {
  /** The backend refused: the user may not see this product. */
  forbidden: boolean;
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
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const xr = useMemo(() => productXrOf(entity), [entity]);
  const channel = useMemo(() => provisioningSignalChannel(xr), [xr]);
  const filesChannel = useMemo(
    () => productFilesSignalChannel(xr.namespace),
    [xr],
  );
  const load = useCallback(() => api.getProvisioning(ref), [api, ref]);
  const provisioning = useSignalledReport(channel, load, {
    givesUpOn: isForbidden,
  });
  const { lastSignal: lastFilesSignal } =
    useSignal<ProvisioningSignal>(filesChannel);
  const { error, refresh } = provisioning;
  const forbidden = error !== undefined && isForbidden(error);

  // A product the cluster lacks hears of nothing on its own channel: whether
  // a broken file of its domain holds it back comes on the files channel.
  const notInCluster = provisioning.report?.state === 'not-in-cluster';
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

  return { ...provisioning, forbidden };
}

/** The backend refused: the user may not see this product. */
function isForbidden(error: Error): boolean {
  return (error as Partial<ResponseError>).statusCode === 403;
}
