import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  BIGQUERY_COLUMN_TYPES,
  DataProduct,
  gitopsPath,
  gitopsYaml,
  MESHIFI_ANNOTATIONS,
  OutputPort,
} from '@meshifi/common';
import { CatalogPlanResolver, GitOpsRepository } from '@meshifi/node';
import { meshRefusal } from '../lineage/meshRefusal';
import { authorizeManifest, TenancyDeps } from '../tenancy/authorizeManifest';
import { writeManifest } from '../lib/writeManifest';
import { examples } from './createDataProduct.examples';

/**
 * `meshifi:dataproduct:create`: plans the product from the analyst's answers
 * with the initiator's credentials (CatalogPlanResolver: the domain's GCP
 * project and the owners' emails, as the Create page showed them), checks
 * that they may create a product in the domain (the plan has the output
 * table and the tables read that the form declared, checked with the
 * product: a contract's problems are the task's error), checks it against the products
 * of the GitOps repository when one is given, and writes the DataProduct
 * XR into the workspace at its GitOps path. The answers of the capability
 * pages become spec.capabilities in the plan, whose errors (a refused
 * answer, a capability the platform has not set up) are the task's error.
 * Outputs the entity ref, the path, the manifest, the project, the service
 * account and, in plain words, what Crossplane will create (the
 * capabilities' resources too).
 *
 * @public
 */
export function createDataProductAction(
  options: {
    config: Config;
    /**
     * The GitOps repository, whose products the new one is checked against
     * (its inputs, lineage), so that a template proposing it as a pull
     * request hears of a problem before the review, not in CI.
     */
    repository?: GitOpsRepository;
  } & TenancyDeps,
) {
  // The same plan the Create page showed: one resolver reads the catalog.
  const plans = CatalogPlanResolver.fromConfig(options.config, {
    catalog: options.catalog,
  });
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
        outputPort: z =>
          z
            .object({
              name: z
                .string()
                .optional()
                .describe('The table id, e.g. orders_by_day'),
              description: z.string().optional(),
              columns: z
                .array(
                  z.object({
                    name: z.string().describe('The column name, e.g. order_id'),
                    type: z
                      .string()
                      .describe(
                        `A BigQuery type: ${BIGQUERY_COLUMN_TYPES.join(', ')}`,
                      ),
                    required: z
                      .boolean()
                      .optional()
                      .describe('Whether every row has a value'),
                    description: z.string().optional(),
                    personalData: z
                      .boolean()
                      .optional()
                      .describe('Whether the column holds personal data'),
                  }),
                )
                .optional(),
              primaryKey: z
                .array(z.string())
                .optional()
                .describe('The columns that identify a row'),
              refreshEvery: z
                .string()
                .optional()
                .describe('How often the table is refreshed: 1h, 1d or 7d'),
            })
            .optional()
            .describe(
              'The first table the product offers, with its data contract; none when left out or empty',
            ),
        outputPorts: z =>
          z
            .array(z.record(z.unknown()))
            .optional()
            .describe(
              "Output ports in the model's shape, e.g. meshifi:contract:import's outputPorts; the form's outputPort comes after them",
            ),
        inputPorts: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              "Other products' tables the product reads: their API entity refs, e.g. api:default/customer-orders.orders",
            ),
        capabilities: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              "The answers of the form's capability pages under each capability's name, e.g. { dbt: ${{ parameters.dbt }} }: each capability turns its answers into spec.capabilities.<name>",
            ),
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
        project: z =>
          z
            .string()
            .describe(
              "The GCP project of the product's resources: its domain's",
            ),
        serviceAccountEmail: z =>
          z
            .string()
            .describe('The service account that writes to the datasets'),
        plannedResources: z =>
          z
            .array(z.string())
            .describe(
              'What will be created, in Google Cloud and for the capabilities turned on',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const credentials = await ctx.getInitiatorCredentials();
      const { plan, backstageOwner } = await plans.plan(
        // Ports of any shape: the plan checks them with the product.
        {
          ...input,
          outputPorts: input.outputPorts as OutputPort[] | undefined,
          capabilities: input.capabilities as
            | Record<string, unknown>
            | undefined,
        },
        { credentials },
      );
      const errors = plan.problems.filter(p => p.severity === 'error');
      if (errors.length > 0) {
        throw new InputError(errors.map(p => p.message).join(' '));
      }
      if (!backstageOwner) {
        throw new InputError(
          'Pick at least one owner from the catalog, so that the data product has a team in Backstage.',
        );
      }
      for (const warning of plan.problems) {
        ctx.logger.warn(warning.message);
      }
      // The plan's manifest has the output and input ports already, checked
      // with the product: what the Create page showed is what is written.
      const manifest: DataProduct = {
        ...plan.manifest,
        metadata: {
          ...plan.manifest.metadata,
          annotations: { [MESHIFI_ANNOTATIONS.owner]: backstageOwner },
        },
      };
      await authorizeManifest(manifest, options, credentials);
      if (options.repository && !ctx.isDryRun) {
        const refused = await meshRefusal(
          options.repository,
          await options.repository.fetch(),
          manifest,
          gitopsPath(manifest),
          gitopsYaml(manifest),
        );
        if (refused) {
          throw refused;
        }
      }

      const { filePath, content } = await writeManifest(
        ctx.workspacePath,
        manifest,
      );

      ctx.logger.info(
        `Planned ${plan.resources.length} resources for ${input.name} in the project ${plan.project}`,
      );
      ctx.output('entityRef', `dataproduct:default/${input.name}`);
      ctx.output('filePath', filePath);
      ctx.output('manifest', content);
      ctx.output('project', plan.project);
      ctx.output('serviceAccountEmail', plan.serviceAccountEmail!);
      ctx.output(
        'plannedResources',
        plan.resources.map(p => p.summary),
      );
    },
  });
}
