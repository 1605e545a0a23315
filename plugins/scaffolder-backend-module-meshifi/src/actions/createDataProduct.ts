import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { MESHIFI_API_VERSION, datasetId } from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';
import { stringify } from 'yaml';

/**
 * `meshifi:dataproduct:create`: writes a DataProduct composite resource into
 * the task workspace.
 *
 * @public
 */
export function createDataProductAction() {
  return createTemplateAction({
    id: 'meshifi:dataproduct:create',
    description:
      'Writes a meshifi DataProduct composite resource into the workspace',
    schema: {
      input: {
        name: z =>
          z.string().describe('The product name, e.g. customer-orders'),
        version: z =>
          z.string().default('0.1.0').describe('The product version (semver)'),
        owners: z =>
          z
            .array(z.string())
            .min(1)
            .describe('Emails of the people who may act for the product'),
      },
      output: {
        filePath: z =>
          z
            .string()
            .describe('Where the manifest was written, in the workspace'),
      },
    },
    async handler(ctx) {
      const { name, version, owners } = ctx.input;
      // Throws with a readable message when the name cannot name a dataset,
      // before any path is built from it.
      datasetId(name, 'raw');
      const manifest = {
        apiVersion: MESHIFI_API_VERSION,
        kind: 'DataProduct',
        metadata: { name },
        spec: { info: { name, version }, access: { owners } },
      };
      const filePath = path.posix.join('dataproducts', `${name}.yaml`);
      const target = resolveSafeChildPath(ctx.workspacePath, filePath);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, stringify(manifest), 'utf8');
      ctx.output('filePath', filePath);
    },
  });
}
