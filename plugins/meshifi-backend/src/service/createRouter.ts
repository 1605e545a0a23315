import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { makeValidator } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
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
import { readableProductEntity } from './readableProductEntity';
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
    const entity = await readableProductEntity(
      { permissions, catalog },
      { namespace, name },
      credentials,
    );
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
