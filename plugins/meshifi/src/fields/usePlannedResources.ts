import { parseEntityRef } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  compose,
  ComposedResource,
  dataProductManifest,
  formatOwner,
  MESHIFI_ANNOTATIONS,
  ValidationError,
} from '@meshifi/common';
import useAsync from 'react-use/esm/useAsync';

/** What the form has gathered so far. */
export interface DataProductFormData {
  name?: string;
  title?: string;
  domain?: string;
  owners?: string[];
  location?: string;
  version?: string;
}

/**
 * The GCP resources the answers so far will give, from the same compose()
 * the composition function runs: owners mapped to emails and the domain to
 * its project exactly as the server does it.
 */
export function usePlannedResources(data: DataProductFormData) {
  const catalogApi = useApi(catalogApiRef);
  const config = useApi(configApiRef);
  return useAsync(async (): Promise<ComposedResource[]> => {
    const platform = {
      project: config.getString('meshifi.platform.project'),
      location: config.getString('meshifi.platform.location'),
    };
    const ownerRefs = (data.owners ?? []).map(ref =>
      parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' }),
    );
    const [owners, domain] = await Promise.all([
      catalogApi.getEntitiesByRefs({
        entityRefs: ownerRefs.map(r =>
          `${r.kind}:${r.namespace}/${r.name}`.toLowerCase(),
        ),
      }),
      data.domain ? catalogApi.getEntityByRef(data.domain) : undefined,
    ]);
    const iamOwners = owners.items.flatMap(owner => {
      const email = (owner?.spec?.profile as { email?: string } | undefined)
        ?.email;
      if (!owner || !email) {
        return [];
      }
      const type = owner.kind.toLowerCase() === 'group' ? 'group' : 'user';
      return [formatOwner({ type, email: email.toLowerCase() })];
    });
    const domainName = domain?.metadata.name;
    const manifest = dataProductManifest({
      info: { name: data.name ?? '', version: data.version ?? '0.1.0' },
      access: { owners: [...new Set(iamOwners)] },
      ...(domainName ? { domain: domainName } : {}),
      ...(data.location ? { location: data.location } : {}),
    });
    const project =
      domain?.metadata.annotations?.[MESHIFI_ANNOTATIONS.gcpProject];
    try {
      return compose(manifest, {
        ...platform,
        project: project ?? platform.project,
      });
    } catch (error) {
      throw error instanceof ValidationError
        ? new Error(error.problems.map(p => p.message).join(' '))
        : error;
    }
  }, [catalogApi, config, JSON.stringify(data)]);
}
