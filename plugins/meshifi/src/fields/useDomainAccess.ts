import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  meshifiDataProductCreatePermission,
  notInDomainTeamMessage,
} from '@meshifi/common';
import useAsync from 'react-use/esm/useAsync';

/** Whether the signed-in user may create a product in a domain, and if not, why in words. */
export interface DomainAccess {
  loading: boolean;
  /** Why not, for the user: whose team the domain is and what to do. */
  problem?: string;
}

/**
 * Asks the permission framework, as the backend's action will, whether the
 * signed-in user may create a data product in the domain, so that someone
 * outside the domain's team learns it before pressing Create.
 */
export function useDomainAccess(domainRef: string | undefined): DomainAccess {
  const catalogApi = useApi(catalogApiRef);
  const permission = usePermission({
    permission: meshifiDataProductCreatePermission,
    resourceRef: domainRef,
  });
  const domain = useAsync(
    async () => (domainRef ? catalogApi.getEntityByRef(domainRef) : undefined),
    [catalogApi, domainRef],
  );
  if (!domainRef || permission.allowed) {
    return { loading: false };
  }
  if (permission.loading || domain.loading) {
    return { loading: true };
  }
  const name = parseEntityRef(domainRef, { defaultKind: 'domain' }).name;
  const owner = String(domain.value?.spec?.owner ?? 'its owners');
  return { loading: false, problem: notInDomainTeamMessage(name, owner) };
}
