import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AccessRequest, AccessRequestInput } from '@meshifi/common';
import { examples } from './requestDataAccess.examples';

/**
 * `meshifi:access:request`: asks a data product's owners for access, through
 * the meshifi backend, in the name of the person who runs the template. The
 * backend checks the request (the product and the consumer in the catalog,
 * the layer shared, the expiry within the platform's maximum, no duplicate)
 * and keeps it for the owners' decision; nothing is granted here.
 *
 * @public
 */
export function requestDataAccessAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'meshifi:access:request',
    description:
      "Asks a data product's owners for access to one of its layers, for a person, a group or another product, until a day.",
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
      },
      output: {
        requestId: z => z.string().describe('The access request'),
        productUrl: z =>
          z.string().describe("The product's page, where owners decide"),
      },
    },
    async handler(ctx) {
      const body: AccessRequestInput = {
        product: ctx.input.product,
        consumer: ctx.input.consumer,
        purpose: ctx.input.purpose,
        expires: ctx.input.expires,
        ...(ctx.input.layer ? { layer: ctx.input.layer } : {}),
      };
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'meshifi',
      });
      const baseUrl = await options.discovery.getBaseUrl('meshifi');
      const response = await fetch(`${baseUrl}/access-requests`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        throw await refusalOf(response);
      }
      const request = (await response.json()) as AccessRequest;
      const product = parseEntityRef(request.product);
      ctx.logger.info(
        `Asked the owners of ${request.product} for ${
          request.layer
        } access for ${
          request.consumer.entityRef ?? request.consumer.email
        } until ${request.expires}. They decide on the product's page.`,
      );
      ctx.output('requestId', request.id);
      ctx.output(
        'productUrl',
        `/catalog/${product.namespace}/${product.kind.toLocaleLowerCase(
          'en-US',
        )}/${product.name}`,
      );
    },
  });
}

/**
 * The backend's refusal as the task's error: its words are written for the
 * person who filled the form, so they are shown as they are.
 */
async function refusalOf(response: Response): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  return response.status >= 400 && response.status < 500
    ? new InputError(error.body.error.message)
    : error;
}
