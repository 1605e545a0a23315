import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { makeValidator, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogPlanResolver } from '@meshifi/node';
import express from 'express';
import Router from 'express-promise-router';
import { AccessService } from '../access/AccessService';
import { ProvisioningService } from '../ProvisioningService';
import { accessRoutes } from './accessRoutes';
import { planRoute } from './planRoute';
import { productStatesRoute } from './productStatesRoute';
import { productTargetOf } from './productTarget';
import { standardsRoutes } from './standardsRoutes';

/**
 * The meshifi status API. Every route needs a signed-in caller; the product
 * routes also check, with the caller's own credentials, that they may read
 * the product's catalog entity.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  provisioning: ProvisioningService;
  plans: CatalogPlanResolver;
  access: AccessService;
}): Promise<express.Router> {
  const { httpAuth, permissions, catalog, provisioning, plans, access } =
    options;
  const validator = makeValidator();
  const router = Router();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/products/:namespace/:name/provisioning', async (req, res) => {
    const { namespace, name } = req.params;
    if (
      !validator.isValidNamespace(namespace) ||
      !validator.isValidEntityName(name)
    ) {
      throw new InputError(
        `"${namespace}/${name}" is not a data product's name: use the link on the product's page.`,
      );
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef({
      kind: 'DataProduct',
      namespace,
      name,
    });
    const [decision] = await permissions.authorize(
      [{ permission: catalogEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not see this data product. Ask its owners or your platform team for access.',
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || entity.kind !== 'DataProduct') {
      throw new NotFoundError(
        `There is no data product ${name} in the catalog.`,
      );
    }
    // The pending list names the project the catalog places the product in.
    const target = productTargetOf(entity);
    const { plan } = await plans.planManifest(target.manifest!, {
      credentials,
    });
    res.json(provisioning.report({ ...target, project: plan.project }));
  });

  router.use(planRoute({ httpAuth, permissions, plans }));

  router.use(
    productStatesRoute({ httpAuth, permissions, catalog, provisioning }),
  );

  router.use(accessRoutes({ httpAuth, catalog, access }));

  router.use(standardsRoutes({ httpAuth, permissions, catalog, plans }));

  return router;
}
