import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * The DataProduct entity a product route names, once the caller's own
 * credentials may read it: refused with a NotAllowedError when they may
 * not, a NotFoundError when the catalog has no such product. The name and
 * namespace are the caller's to have checked as entity names.
 */
export async function readableProductEntity(
  options: { permissions: PermissionsService; catalog: CatalogService },
  product: { namespace: string; name: string },
  credentials: BackstageCredentials,
): Promise<Entity> {
  const entityRef = stringifyEntityRef({ kind: 'DataProduct', ...product });
  const [decision] = await options.permissions.authorize(
    [{ permission: catalogEntityReadPermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      'You may not see this data product. Ask its owners or your platform team for access.',
    );
  }
  const entity = await options.catalog.getEntityByRef(entityRef, {
    credentials,
  });
  if (!entity || entity.kind !== 'DataProduct') {
    throw new NotFoundError(
      `There is no data product ${product.name} in the catalog.`,
    );
  }
  return entity;
}
