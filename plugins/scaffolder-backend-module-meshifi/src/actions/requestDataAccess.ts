import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AccessProposal,
  AccessRequest,
  AccessRequestInput,
} from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';
import {
  askMeshifiBackend,
  MeshifiBackendDeps,
} from '../lib/askMeshifiBackend';
import { examples } from './requestDataAccess.examples';

/** The page of a catalog entity, from its ref. */
function entityUrl(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/**
 * `meshifi:access:request`: asks a data product's owners for access, through
 * the meshifi backend, in the name of the person who runs the template. The
 * backend checks the request (the product and the consumer in the catalog,
 * the layer shared, the expiry within the platform's maximum, no duplicate).
 *
 * - `approval: product-page` (the default): the backend keeps the request,
 *   and the owners approve or decline it on the product's page.
 * - `approval: pull-request`: nothing is kept; the grant's file is written
 *   into the workspace at its GitOps path, for the template's next step to
 *   propose as a pull request the owners review (publish:github:pull-request).
 *
 * Nothing is granted here.
 *
 * @public
 */
export function requestDataAccessAction(options: MeshifiBackendDeps) {
  return createTemplateAction({
    id: 'meshifi:access:request',
    description:
      "Asks a data product's owners for access to one of its layers, for a person, a group or another product, until a day: on the product's page, or as a grant file for a pull request.",
    examples,
    schema: {
      input: {
        product: z =>
          z
            .string()
            .describe('The data product, e.g. dataproduct:default/orders'),
        consumer: z =>
          z
            .string()
            .describe(
              'Who gets access: a user, a group or a data product (its service account)',
            ),
        layer: z =>
          z
            .enum(['raw', 'cleaned', 'curated'])
            .optional()
            .describe('The layer to read; curated when left out'),
        purpose: z => z.string().describe('Why the consumer needs the data'),
        expires: z => z.string().describe('The last day of access, YYYY-MM-DD'),
        approval: z =>
          z
            .enum(['product-page', 'pull-request'])
            .optional()
            .describe(
              "Where the owners decide: on the product's page (the default), or on a pull request the next step opens",
            ),
      },
      output: {
        productUrl: z =>
          z.string().describe("The product's page, where its access shows"),
        requestId: z =>
          z
            .string()
            .optional()
            .describe('The access request, when decided on the page'),
        filePath: z =>
          z
            .string()
            .optional()
            .describe("The grant's file, when proposed as a pull request"),
        grantName: z =>
          z
            .string()
            .optional()
            .describe("The grant's name, when proposed as a pull request"),
        title: z =>
          z
            .string()
            .optional()
            .describe("The pull request's title: who may read what until when"),
        description: z =>
          z
            .string()
            .optional()
            .describe('Who, what, why and who asked: for the pull request'),
      },
    },
    async handler(ctx) {
      const { approval = 'product-page', ...asked } = ctx.input;
      const body: AccessRequestInput = {
        product: asked.product,
        consumer: asked.consumer,
        purpose: asked.purpose,
        expires: asked.expires,
        ...(asked.layer ? { layer: asked.layer } : {}),
      };
      const initiator = await ctx.getInitiatorCredentials();
      if (approval === 'pull-request') {
        const proposal = await askMeshifiBackend<AccessProposal>(
          options,
          initiator,
          '/access-requests/proposal',
          body,
        );
        // The path is the backend's gitopsPath of validated names; this
        // makes sure it stays in the workspace all the same.
        const target = resolveSafeChildPath(ctx.workspacePath, proposal.path);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, proposal.content, 'utf8');
        ctx.logger.info(
          `Wrote the grant ${proposal.grantName} to ${proposal.path}, for the owners to review.`,
        );
        ctx.output('productUrl', entityUrl(asked.product));
        ctx.output('filePath', proposal.path);
        ctx.output('grantName', proposal.grantName);
        ctx.output('title', proposal.description.split('\n')[0]);
        ctx.output('description', proposal.description);
        return;
      }
      const request = await askMeshifiBackend<AccessRequest>(
        options,
        initiator,
        '/access-requests',
        body,
      );
      ctx.logger.info(
        `Asked the owners of ${request.product} for ${
          request.layer
        } access for ${
          request.consumer.entityRef ?? request.consumer.email
        } until ${request.expires}. They decide on the product's page.`,
      );
      ctx.output('requestId', request.id);
      ctx.output('productUrl', entityUrl(request.product));
    },
  });
}
