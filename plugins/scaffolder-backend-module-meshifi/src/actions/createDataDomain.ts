import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  dataDomainManifest,
  validateDataDomain,
  ValidationError,
} from '@meshifi/common';
import { writeManifest } from '../lib/writeManifest';
import { authorizeManifest, TenancyDeps } from '../tenancy/authorizeManifest';
import { examples } from './createDataDomain.examples';

/**
 * `meshifi:datadomain:create`: validates a domain, checks with the
 * initiator's credentials that they may create it (administrators only, in
 * an allowed GCP project) and writes its DataDomain manifest into the
 * workspace at its GitOps path.
 *
 * @public
 */
export function createDataDomainAction(options: TenancyDeps) {
  return createTemplateAction({
    id: 'meshifi:datadomain:create',
    description:
      'Validates a data domain and writes its DataDomain manifest into the workspace at its GitOps path.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The domain name, e.g. sales'),
        title: z => z.string().optional().describe('A human-friendly name'),
        description: z =>
          z.string().optional().describe('What the domain covers'),
        owner: z =>
          z
            .string()
            .describe('The owning group, e.g. group:default/sales-analytics'),
        gcpProject: z =>
          z.string().describe("The GCP project of the domain's datasets"),
      },
      output: {
        entityRef: z =>
          z.string().describe('The catalog entity the domain will be'),
        filePath: z => z.string().describe('Where the manifest is'),
        manifest: z => z.string().describe('The DataDomain manifest (YAML)'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const manifest = dataDomainManifest(input.name, {
        owner: input.owner,
        gcpProject: input.gcpProject,
        ...(input.title ? { title: input.title } : {}),
        ...(input.description ? { description: input.description } : {}),
      });
      const validated = validateDataDomain(manifest);
      if (!validated.ok) {
        throw new InputError(new ValidationError(validated.problems).message);
      }
      await authorizeManifest(
        validated.value,
        options,
        await ctx.getInitiatorCredentials(),
      );
      const { filePath, content } = await writeManifest(
        ctx.workspacePath,
        manifest,
      );
      ctx.output('entityRef', `domain:default/${input.name}`);
      ctx.output('filePath', filePath);
      ctx.output('manifest', content);
    },
  });
}
