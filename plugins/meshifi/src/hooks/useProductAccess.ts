import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  accessSignalChannel,
  ProductAccessReport,
  productXrOf,
} from '@meshifi/common';
import { useCallback, useMemo } from 'react';
import { meshifiApiRef } from '../api';
import { SignalledReport, useSignalledReport } from './useSignalledReport';

export type ProductAccess = SignalledReport<ProductAccessReport>;

/**
 * Who has access to a DataProduct entity, kept current while the page is
 * open: the backend signals each change of the product's requests and
 * grants (a request, a decision, a grant becoming active or failing) and
 * the hook loads the report again then. Without signals it asks every 30 s.
 */
export function useProductAccess(entity: Entity): ProductAccess {
  const api = useApi(meshifiApiRef);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const channel = useMemo(
    () => accessSignalChannel(productXrOf(entity)),
    [entity],
  );
  const load = useCallback(() => api.getProductAccess(ref), [api, ref]);
  return useSignalledReport(channel, load, { loadingOnReload: true });
}
