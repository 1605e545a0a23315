import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  decodeDataUrl,
  outputPortFromOdcs,
  ValidationError,
} from '@meshifi/common';
import { examples } from './importContract.examples';

/**
 * `meshifi:contract:import`: reads an Open Data Contract Standard (v3)
 * document that an analyst chose on the form (a file field gives it as a
 * data URL) as an output port, checked as meshifi checks any port, for
 * `meshifi:dataproduct:create`'s `outputPorts`. Outputs too what the
 * contract says of its product (name, title, description, version) for the
 * form's empty fields, and what meshifi does not keep of it. Writes nothing:
 * the create action writes the product.
 *
 * @public
 */
export function importContractAction() {
  return createTemplateAction({
    id: 'meshifi:contract:import',
    description:
      'Reads an ODCS data contract file from the form as an output port of a data product, checked as meshifi checks any port.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        contract: z =>
          z
            .string()
            .describe(
              'The contract file as a data URL, as a form field of format data-url gives it',
            ),
      },
      output: {
        outputPort: z =>
          z
            .record(z.unknown())
            .describe(
              "The output port in the model's shape, for meshifi:dataproduct:create's outputPorts",
            ),
        outputPorts: z =>
          z
            .array(z.record(z.unknown()))
            .describe('The same port as a list of one'),
        name: z =>
          z
            .string()
            .optional()
            .describe("The product's name, when the contract gives one"),
        title: z =>
          z
            .string()
            .optional()
            .describe('A title, when the contract gives one'),
        description: z =>
          z
            .string()
            .optional()
            .describe('A description, when the contract gives one'),
        version: z =>
          z
            .string()
            .optional()
            .describe("The contract's version, when it is a semantic version"),
        leftOut: z =>
          z
            .array(z.string())
            .describe('What the contract says that meshifi does not keep'),
      },
    },
    async handler(ctx) {
      const file = decodeDataUrl(ctx.input.contract);
      const imported = outputPortFromOdcs(file.text);
      if (!imported.ok) {
        throw new ValidationError(imported.problems);
      }
      const { port, info, leftOut } = imported.value;
      ctx.logger.info(
        `Read the table ${port.name} with ${
          port.contract.columns.length
        } columns from ${file.name ?? 'the contract'}`,
      );
      for (const sentence of leftOut) {
        ctx.logger.info(sentence);
      }
      ctx.output('outputPort', port);
      ctx.output('outputPorts', [port]);
      for (const key of ['name', 'title', 'description', 'version'] as const) {
        if (info[key]) {
          ctx.output(key, info[key]);
        }
      }
      ctx.output('leftOut', leftOut);
    },
  });
}
