import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, makeValidator } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DataProduct,
  DataProductEntity,
  dataProductManifestOf,
  MESHIFI_ANNOTATIONS,
  odcsYamlOf,
  odpsYamlOf,
} from '@meshifi/common';
import { CatalogPlanResolver } from '@meshifi/node';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { readableProductEntity } from './readableProductEntity';

const validator = makeValidator();

/**
 * The downloads of a data product in the Bitol standards: each output
 * port's data contract (ODCS) and the product itself (ODPS), built from its
 * catalog entity. As the provisioning route does, they check with the
 * caller's own credentials that the caller may read the product's entity.
 */
export function standardsRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  plans: CatalogPlanResolver;
}): express.Router {
  const { httpAuth, permissions, catalog, plans } = options;
  const router = Router();

  /** The product the request names, as its manifest, if the caller may read it. */
  async function readableProduct(
    req: Request,
  ): Promise<{ product: DataProduct; credentials: BackstageCredentials }> {
    const { namespace, name } = req.params;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (
      !validator.isValidNamespace(namespace) ||
      !validator.isValidEntityName(name)
    ) {
      throw new NotFoundError(
        `There is no data product "${name.slice(
          0,
          100,
        )}": use the link on the product's page.`,
      );
    }
    const entity = await readableProductEntity(
      { permissions, catalog },
      { namespace, name },
      credentials,
    );
    return { product: await productOf(entity, credentials), credentials };
  }

  /**
   * The manifest of an entity, with what the documents say besides: the
   * Backstage owner that names the team, and the GCP project the catalog
   * places the product in (the BigQuery server of its contracts).
   */
  async function productOf(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<DataProduct> {
    const manifest = dataProductManifestOf(
      entity as unknown as DataProductEntity,
    );
    const { plan } = await plans.planManifest(manifest, { credentials });
    const owner = entity.spec?.owner;
    return {
      ...manifest,
      metadata: {
        ...manifest.metadata,
        ...(typeof owner === 'string'
          ? {
              annotations: {
                ...manifest.metadata.annotations,
                [MESHIFI_ANNOTATIONS.owner]: owner,
              },
            }
          : {}),
      },
      status: { project: plan.project },
    };
  }

  router.get('/products/:namespace/:name/contracts/:port', async (req, res) => {
    const { product } = await readableProduct(req);
    const ports = product.spec.outputPorts ?? [];
    const port = ports.find(p => p.name === req.params.port);
    if (!port) {
      throw new NotFoundError(
        ports.length
          ? `The data product ${
              product.spec.info.name
            } offers no table "${req.params.port.slice(
              0,
              100,
            )}": it offers ${ports.map(p => p.name).join(', ')}.`
          : `The data product ${product.spec.info.name} offers no tables yet, so it has no data contracts.`,
      );
    }
    sendYaml(
      res,
      `${product.spec.info.name}.${port.name}.odcs.yaml`,
      odcsYamlOf(product, port),
    );
  });

  router.get('/products/:namespace/:name/odps', async (req, res) => {
    const { product, credentials } = await readableProduct(req);
    const versions = await versionsOfReadProducts(product, credentials);
    sendYaml(
      res,
      `${product.spec.info.name}.odps.yaml`,
      odpsYamlOf(product, { versionOf: name => versions.get(name) }),
    );
  });

  /**
   * The versions of the products this one reads, as far as the caller may
   * see them: an input port names the version it reads.
   */
  async function versionsOfReadProducts(
    product: DataProduct,
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const names = [
      ...new Set((product.spec.inputPorts ?? []).map(i => i.product)),
    ];
    if (names.length === 0) {
      return new Map();
    }
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'DataProduct', 'metadata.name': names },
        fields: ['metadata.name', 'spec.version'],
      },
      { credentials },
    );
    return new Map(
      items.flatMap(entity =>
        typeof entity.spec?.version === 'string'
          ? [[entity.metadata.name, entity.spec.version] as const]
          : [],
      ),
    );
  }

  return router;
}

/** A YAML document as a download, under the name it is saved as. */
function sendYaml(res: Response, filename: string, text: string): void {
  res.attachment(filename);
  res.setHeader('Content-Type', 'application/yaml; charset=utf-8');
  res.send(text);
}
