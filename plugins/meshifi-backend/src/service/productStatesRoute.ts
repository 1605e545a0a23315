import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PRODUCT_STATES_MAX_REFS,
  ProductStateSummary,
  ProductStatesResponse,
} from '@meshifi/common';
import express from 'express';
import Router from 'express-promise-router';
import { ProvisioningService } from '../ProvisioningService';
import { productTargetOf } from './productTarget';

/**
 * The DataProduct refs a request asks about, normalized and without
 * repeats, or an InputError that says what to send instead.
 */
export function parseProductRefs(body: unknown): string[] {
  const entityRefs = (body as { entityRefs?: unknown } | undefined)?.entityRefs;
  if (
    !Array.isArray(entityRefs) ||
    entityRefs.some(ref => typeof ref !== 'string')
  ) {
    throw new InputError(
      'Send the products as JSON: {"entityRefs": ["dataproduct:default/<name>", ...]}.',
    );
  }
  if (entityRefs.length > PRODUCT_STATES_MAX_REFS) {
    throw new InputError(
      `Ask for at most ${PRODUCT_STATES_MAX_REFS} products at a time; this request asks for ${entityRefs.length}. Split it into several requests.`,
    );
  }
  const refs = new Set<string>();
  for (const ref of entityRefs as string[]) {
    let parsed;
    try {
      parsed = parseEntityRef(ref, {
        defaultKind: 'DataProduct',
        defaultNamespace: 'default',
      });
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.kind.toLocaleLowerCase('en-US') !== 'dataproduct') {
      throw new InputError(
        `"${ref.slice(
          0,
          200,
        )}" is not a data product's entity ref: use the form dataproduct:<namespace>/<name>.`,
      );
    }
    refs.add(stringifyEntityRef(parsed));
  }
  return [...refs];
}

/**
 * `POST /products/states`: the state of many products at once, for the home
 * page. Each product is checked with the caller's own credentials; products
 * the caller may not read, and refs the catalog does not have, are left out
 * alike, so the answer reveals nothing about products the caller may not see.
 */
export function productStatesRoute(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  provisioning: ProvisioningService;
}): express.Router {
  const { httpAuth, permissions, catalog, provisioning } = options;
  const router = Router();

  async function readableRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (refs.length === 0) {
      return [];
    }
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({
        permission: catalogEntityReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return refs.filter(
      (_ref, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  // Refs are short: 200 of them fit well within this limit.
  router.post(
    '/products/states',
    express.json({ limit: '64kb' }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const refs = await readableRefs(parseProductRefs(req.body), credentials);
      const { items: entities } =
        refs.length === 0
          ? { items: [] }
          : await catalog.getEntitiesByRefs(
              { entityRefs: refs },
              { credentials },
            );
      const now = new Date();
      const items: ProductStateSummary[] = [];
      entities.forEach((entity, i) => {
        if (!entity || entity.kind !== 'DataProduct') {
          return;
        }
        const { state, reason } = provisioning.report(
          productTargetOf(entity),
          now,
        );
        items.push({ entityRef: refs[i], state, reason });
      });
      const response: ProductStatesResponse = { items };
      res.json(response);
    },
  );

  return router;
}
