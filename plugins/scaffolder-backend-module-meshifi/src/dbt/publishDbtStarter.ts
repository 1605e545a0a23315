import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DataProduct } from '@meshifi/common';
import { remoteSettingsFromConfig } from '@meshifi/node';
import { promises as fs } from 'fs';
import { examples } from './publishDbtStarter.examples';
import { productManifestOf } from './productManifestOf';
import { StarterRepository } from './StarterRepository';

/** Where the product's dbt capability says its project is. */
interface DbtProjectPlace {
  repository: string;
  revision: string;
  path: string;
}

/** Where the template's fetch:template step renders the starter project. */
const DEFAULT_SOURCE_PATH = 'dbt-starter';

const STARTER_SETTING = 'meshifi.platform.capabilities.dbt.starterRepository';

/**
 * Where the product's scheduled dbt runs will clone its project from:
 * spec.capabilities.dbt of the manifest the create step wrote, so that the
 * starter lands exactly where the runs look.
 */
function dbtProjectPlace(manifest: DataProduct): DbtProjectPlace {
  const dbt = manifest.spec.capabilities?.dbt as
    | Partial<DbtProjectPlace>
    | undefined;
  if (!dbt?.repository || !dbt.path) {
    throw new InputError(
      `The data product ${manifest.metadata.name} has no dbt project in a folder of a repository (spec.capabilities.dbt.repository and path), so there is nowhere to put a starter project: run this step only when the analyst asked for one.`,
    );
  }
  return {
    repository: dbt.repository,
    revision: dbt.revision ?? 'main',
    path: dbt.path,
  };
}

/**
 * `meshifi:dbt:publish-starter`: commits the starter dbt project that
 * `fetch:template` rendered into the workspace to the platform's starter
 * repository, in the product's folder, in one commit, and pushes it.
 *
 * Backstage's own publish actions do not fit: `publish:*` create a new
 * repository through a hosting API (GitHub, GitLab, Gitea, Bitbucket,
 * Gerrit), and the starter goes into a folder of an existing repository that
 * may be served by any git server over http(s). The push works as the
 * GitOps publish does: git's plumbing on a shallow fetch, never forced, built
 * again on the new head when another push landed first, with the backend's
 * integration credentials for the host sent as a header.
 *
 * It only writes to the repository the platform configured
 * (meshifi.platform.capabilities.dbt.starterRepository), whatever the
 * manifest says, and never over another project: a folder that already
 * holds something else is refused; the same files again (a retried task)
 * commit nothing.
 *
 * @public
 */
export function publishDbtStarterAction(options: { config: Config }) {
  return createTemplateAction({
    id: 'meshifi:dbt:publish-starter',
    description:
      "Commits the starter dbt project rendered into the workspace to the platform's starter repository, in the folder the product's dbt capability names.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        manifest: z =>
          z
            .string()
            .describe(
              'The DataProduct manifest (YAML) the create step output, whose spec.capabilities.dbt says where the project goes',
            ),
        sourcePath: z =>
          z
            .string()
            .default(DEFAULT_SOURCE_PATH)
            .describe(
              'The workspace folder fetch:template rendered the starter project into',
            ),
        message: z => z.string().optional().describe('The commit message'),
      },
      output: {
        repository: z =>
          z.string().describe('The starter repository, without credentials'),
        revision: z => z.string().describe('The branch the project is on'),
        path: z => z.string().describe("The project's folder in it"),
        commit: z => z.string().describe('The commit that has the project'),
        created: z =>
          z
            .boolean()
            .describe(
              'False when the same project was already there (a retried task)',
            ),
      },
    },
    async handler(ctx) {
      const manifest = productManifestOf(ctx.input.manifest);
      const place = dbtProjectPlace(manifest);
      const configured = options.config.getOptionalString(STARTER_SETTING);
      if (!configured) {
        throw new InputError(
          `This platform has no repository for starter dbt projects: ask the platform team to set ${STARTER_SETTING}, or point the product at a dbt project of yours.`,
        );
      }
      if (place.repository !== configured) {
        throw new InputError(
          `The product's dbt project is in ${place.repository}, not in the platform's starter repository ${configured}: a starter project is only put into the starter repository.`,
        );
      }
      // The scaffolder does not apply the schema's defaults to the input.
      const sourcePath = ctx.input.sourcePath ?? DEFAULT_SOURCE_PATH;
      const source = resolveSafeChildPath(ctx.workspacePath, sourcePath);
      if (!(await fs.stat(source).catch(() => undefined))?.isDirectory()) {
        throw new InputError(
          `The workspace has no folder ${sourcePath} with the starter project: render it there first with fetch:template.`,
        );
      }
      const message =
        ctx.input.message ??
        `Add the starter dbt project of ${manifest.metadata.name}`;
      ctx.output('repository', place.repository);
      ctx.output('revision', place.revision);
      ctx.output('path', place.path);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Would commit the starter project to ${place.path} of ${place.repository}`,
        );
        ctx.output('commit', '');
        ctx.output('created', false);
        return;
      }
      const repository = new StarterRepository({
        remote: place.repository,
        branch: place.revision,
        settings: remoteSettingsFromConfig(options.config, place.repository),
        scratch: await ctx.createTemporaryDirectory(),
      });
      const published = await repository.publishFolder({
        source,
        path: place.path,
        message,
      });
      ctx.logger.info(
        published.created
          ? `Committed the starter project to ${place.path} of ${place.repository} as ${published.commit}`
          : `${place.path} of ${place.repository} already has this starter project (${published.commit})`,
      );
      ctx.output('commit', published.commit);
      ctx.output('created', published.created);
    },
  });
}
