import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { DataProductEntity, FailureFixer } from '@meshifi/common';
import useAsync from 'react-use/esm/useAsync';

/** Whom an analyst asks about a failure: a catalog entity, or words. */
export interface WhoToAsk {
  /** The group (or user) to ask, when the catalog or config names one. */
  entityRef?: string;
  /** How to call them when there is no entity to link to. */
  description: string;
}

/**
 * Who can fix a failure: the owners of the product's domain (its catalog
 * Domain's owner) or the platform team (`meshifi.platformTeam`). Undefined
 * when nobody needs asking: the analyst fixes it, or it passes by itself.
 */
export function useWhoToAsk(fixer: FailureFixer | undefined) {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const config = useApi(configApiRef);
  const domain = (entity as unknown as DataProductEntity).spec?.domain;
  return useAsync(async (): Promise<WhoToAsk | undefined> => {
    if (fixer === 'platform-team') {
      return {
        entityRef: config.getOptionalString('meshifi.platformTeam'),
        description: 'your platform team',
      };
    }
    if (fixer === 'domain-owners' || fixer === 'you') {
      const owner = domain
        ? (await catalogApi.getEntityByRef(`domain:default/${domain}`))?.spec
            ?.owner
        : undefined;
      return {
        entityRef: typeof owner === 'string' ? owner : undefined,
        description: domain
          ? `the owners of the domain ${domain}`
          : "your domain's owners",
      };
    }
    return undefined;
  }, [fixer, domain, catalogApi, config]);
}
