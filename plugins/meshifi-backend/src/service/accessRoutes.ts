import { HttpAuthService } from '@backstage/backend-plugin-api';
import { makeValidator, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AccessRequestInput } from '@meshifi/common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessService } from '../access/AccessService';

const validator = makeValidator();

/** A request id as the store makes them (a UUID), so no other text reaches a query. */
const REQUEST_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function entityRefOf(kind: string, namespace: string, name: string): string {
  if (
    !validator.isValidNamespace(namespace) ||
    !validator.isValidEntityName(name)
  ) {
    throw new InputError(
      `"${namespace}/${name}" is not the name of a catalog entity: use the link on its page.`,
    );
  }
  return stringifyEntityRef({ kind, namespace, name });
}

/** The fields of a request a body holds; each is checked by the service. */
function requestInputOf(body: unknown): AccessRequestInput {
  if (!body || typeof body !== 'object') {
    throw new InputError(
      'Send the request as JSON: product, consumer, layer, purpose and expires.',
    );
  }
  const { product, consumer, layer, level, purpose, expires } =
    body as AccessRequestInput;
  return { product, consumer, layer, level, purpose, expires };
}

function requestIdOf(id: string): string {
  if (!REQUEST_ID.test(id)) {
    throw new NotFoundError(
      'There is no such access request: open the product page again.',
    );
  }
  return id;
}

/**
 * The access routes: asking for access, the owners' decisions, and who may
 * read what. Only signed-in people: a request, an approval and a decline are
 * someone's, and their identity is what the checks are about. The scaffolder
 * action calls in the name of the person who ran the template.
 */
export function accessRoutes(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  access: AccessService;
}): express.Router {
  const { httpAuth, catalog, access } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  /** An entity the caller may read, or NotFound: the catalog filters with their credentials. */
  const readableEntity = async (
    req: express.Request,
    ref: string,
    what: string,
  ) => {
    const credentials = await user(req);
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`There is no ${what} ${ref} in the catalog.`);
    }
    return { entity, credentials };
  };

  router.post('/access-requests', async (req, res) => {
    const credentials = await user(req);
    res
      .status(201)
      .json(await access.request(requestInputOf(req.body), credentials));
  });

  router.post('/access-requests/proposal', async (req, res) => {
    const credentials = await user(req);
    res.json(await access.proposal(requestInputOf(req.body), credentials));
  });

  router.post('/access-requests/:id/approve', async (req, res) => {
    const credentials = await user(req);
    res.json(await access.approve(requestIdOf(req.params.id), credentials));
  });

  router.post('/access-requests/:id/decline', async (req, res) => {
    const credentials = await user(req);
    res.json(
      await access.decline(
        requestIdOf(req.params.id),
        (req.body as { reason?: unknown } | undefined)?.reason,
        credentials,
      ),
    );
  });

  router.get('/products/:namespace/:name/access', async (req, res) => {
    const ref = entityRefOf(
      'DataProduct',
      req.params.namespace,
      req.params.name,
    );
    const { entity, credentials } = await readableEntity(
      req,
      ref,
      'data product',
    );
    res.json(await access.productReport(entity, credentials));
  });

  router.get('/consumers/:kind/:namespace/:name/access', async (req, res) => {
    const kind = req.params.kind.toLocaleLowerCase('en-US');
    if (kind !== 'user' && kind !== 'group') {
      throw new InputError('Ask about a user or a group.');
    }
    const ref = entityRefOf(kind, req.params.namespace, req.params.name);
    const { entity, credentials } = await readableEntity(req, ref, kind);
    res.json(await access.consumerReport(entity, credentials));
  });

  return router;
}
