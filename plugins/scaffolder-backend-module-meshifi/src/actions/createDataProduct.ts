import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  compose,
  dataProductManifest,
  MESHIFI_ANNOTATIONS,
  validateDataProduct,
  ValidationError,
} from '@meshifi/common';
import { readPlatformConfig } from '@meshifi/node';
import { authorizeManifest, TenancyDeps } from '../tenancy/authorizeManifest';
import { resolveOwners } from '../lib/resolveOwners';
import { writeManifest } from '../lib/writeManifest';
import { examples } from './createDataProduct.examples';

/**
 * `meshifi:dataproduct:create`: validates the analyst's answers with the
 * model, checks with the initiator's credentials that they may create a
 * product in the domain, builds the DataProduct XR and writes it into the
 * workspace at its GitOps path. Outputs the entity ref, the path, the manifest and, in plain
 * words, the GCP resources Crossplane will create.
 *
 * @public
 */
export function createDataProductAction(
  options: { config: Config } & TenancyDeps,
) {
  return createTemplateAction({
    id: 'meshifi:dataproduct:create',
    description:
      'Validates a data product, writes its DataProduct manifest into the workspace at its GitOps path, and lists the GCP resources it will get.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe('The product name, e.g. customer-orders'),
        title: z => z.string().optional().describe('A human-friendly name'),
        description: z =>
          z.string().optional().describe('What the data is and who it is for'),
        domain: z =>
          z
            .string()
            .describe(
              'The DataDomain: a domain entity ref or name, e.g. domain:default/sales',
            ),
        owners: z =>
          z
            .array(z.string())
            .describe(
              'Users and groups (entity refs) or emails who may act for the product',
            ),
        version: z =>
          z.string().default('0.1.0').describe('The product version (semver)'),
        location: z =>
          z.string().optional().describe('BigQuery location, e.g. EU'),
      },
      output: {
        entityRef: z =>
          z.string().describe('The catalog entity the product will be'),
        filePath: z =>
          z
            .string()
            .describe(
              'Where the manifest is, in the workspace and the GitOps repository',
            ),
        manifest: z => z.string().describe('The DataProduct manifest (YAML)'),
        plannedResources: z =>
          z.array(z.string()).describe('What will be created in Google Cloud'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const credentials = await ctx.getInitiatorCredentials();
      const domain = input.domain.replace(/^domain:(default\/)?/, '');
      const owners = await resolveOwners(
        input.owners,
        options.catalog,
        credentials,
      );
      const manifest = dataProductManifest({
        info: {
          name: input.name,
          version: input.version ?? '0.1.0',
          ...(input.title ? { title: input.title } : {}),
          ...(input.description ? { description: input.description } : {}),
        },
        access: { owners: owners.owners },
        domain,
        ...(input.location ? { location: input.location } : {}),
      });
      manifest.metadata.annotations = {
        [MESHIFI_ANNOTATIONS.owner]: owners.backstageOwner,
      };
      const validated = validateDataProduct(manifest);
      if (!validated.ok) {
        throw new InputError(new ValidationError(validated.problems).message);
      }
      await authorizeManifest(validated.value, options, credentials);
      const planned = compose(manifest, readPlatformConfig(options.config));

      const { filePath, content } = await writeManifest(
        ctx.workspacePath,
        manifest,
      );

      ctx.logger.info(`Planned ${planned.length} resources for ${input.name}`);
      ctx.output('entityRef', `dataproduct:default/${input.name}`);
      ctx.output('filePath', filePath);
      ctx.output('manifest', content);
      ctx.output(
        'plannedResources',
        planned.map(p => p.summary),
      );
    },
  });
}
