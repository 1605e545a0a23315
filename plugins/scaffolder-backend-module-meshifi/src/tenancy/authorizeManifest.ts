import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DataDomain,
  DataProduct,
  meshifiDataProductCreatePermission,
  meshifiDomainCreatePermission,
  notInDomainTeamMessage,
} from '@meshifi/common';
import { assertOwnersKnown } from './assertOwnersKnown';
import { isProjectAllowed, TenancySettings } from './TenancySettings';

/** What authorizing a manifest needs. */
export interface TenancyDeps {
  catalog: CatalogService;
  permissions: PermissionsService;
  settings: TenancySettings;
}

async function authorizeDomain(
  domain: DataDomain,
  deps: TenancyDeps,
  credentials: BackstageCredentials,
) {
  const [decision] = await deps.permissions.authorize(
    [{ permission: meshifiDomainCreatePermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Only the platform's administrators create domains: a domain is a Google Cloud project and a team. Ask the platform team to create the domain "${domain.metadata.name}".`,
    );
  }
  const project = domain.spec.gcpProject;
  if (!isProjectAllowed(project, deps.settings)) {
    throw new InputError(
      `The GCP project ${project} is not one that domains may use. Pick a project from meshifi.domains.allowedProjects, or add it there first.`,
    );
  }
  const team = await deps.catalog.getEntityByRef(domain.spec.owner, {
    credentials,
  });
  if (!team) {
    throw new InputError(
      `The owner ${domain.spec.owner} is not in the catalog: pick the team that owns the domain from the list.`,
    );
  }
}

async function authorizeProduct(
  product: DataProduct,
  deps: TenancyDeps,
  credentials: BackstageCredentials,
) {
  const name = product.spec.domain;
  if (!name) {
    throw new InputError(
      'Every data product belongs to a domain: pick the domain of your team.',
    );
  }
  const domainRef = `domain:default/${name}`;
  const domain = await deps.catalog.getEntityByRef(domainRef, { credentials });
  if (!domain) {
    throw new InputError(
      `The domain "${name}" does not exist: pick one from the list, or ask the platform team to create it.`,
    );
  }
  const [decision] = await deps.permissions.authorize(
    [
      {
        permission: meshifiDataProductCreatePermission,
        resourceRef: domainRef,
      },
    ],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      notInDomainTeamMessage(name, String(domain.spec?.owner ?? 'its owners')),
    );
  }
  await assertOwnersKnown(product.spec.access.owners, deps, credentials);
}

/**
 * Checks, with the credentials of whoever started the task, that they may
 * put this manifest into the GitOps repository: a domain only as an
 * administrator, in an allowed GCP project, owned by a team of the catalog;
 * a product only as a member of its domain's team, owned by users and groups
 * of the catalog. Throws NotAllowedError or InputError with what to do.
 */
export async function authorizeManifest(
  manifest: DataProduct | DataDomain,
  deps: TenancyDeps,
  credentials: BackstageCredentials,
): Promise<void> {
  if (manifest.kind === 'DataDomain') {
    await authorizeDomain(manifest, deps, credentials);
  } else {
    await authorizeProduct(manifest, deps, credentials);
  }
}
