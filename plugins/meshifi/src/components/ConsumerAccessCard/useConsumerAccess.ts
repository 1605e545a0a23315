import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { meshifiApiRef } from '../../api';

/** What a User or Group entity may read, as the backend reports it. */
export function useConsumerAccess(consumer: Entity) {
  const api = useApi(meshifiApiRef);
  const ref = stringifyEntityRef(consumer);
  return useAsync(
    () => api.getConsumerAccess(getCompoundEntityRef(consumer)),
    // The ref, not the entity: the page hands a new object on each refresh.
    [api, ref],
  );
}
