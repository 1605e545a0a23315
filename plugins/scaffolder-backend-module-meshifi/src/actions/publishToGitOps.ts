import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isGitopsManifestPath,
  MESHIFI_ANNOTATIONS,
  publishConflict,
  readGitopsFile,
} from '@meshifi/common';
import { EventsService } from '@backstage/plugin-events-node';
import {
  GitOpsPushedPayload,
  GitOpsRepository,
  GITOPS_PUSHED_TOPIC,
} from '@meshifi/node';
import { promises as fs } from 'fs';
import { parse } from 'yaml';
import { authorizeManifest, TenancyDeps } from '../tenancy/authorizeManifest';
import { repositoryContentAt } from '../tenancy/repositoryContentAt';
import { meshRefusal } from '../lineage/meshRefusal';
import { examples } from './publishToGitOps.examples';

/** Who owns a manifest already in the repository, for the message. */
function ownersOf(existing: string): string {
  try {
    const manifest = parse(existing);
    return (
      manifest?.metadata?.annotations?.[MESHIFI_ANNOTATIONS.owner] ??
      manifest?.spec?.owner ??
      manifest?.spec?.access?.owners?.join(', ') ??
      'someone else'
    );
  } catch {
    return 'someone else';
  }
}

/** Web links to a commit and a file, for remotes that have them. */
export function webLinks(
  remote: string,
  branch: string,
  commit: string,
  file: string,
) {
  const match = /^https:\/\/(github\.com|gitlab\.com)\/(.+?)(\.git)?$/.exec(
    remote,
  );
  if (!match) {
    return {};
  }
  const base = `https://${match[1]}/${match[2]}`;
  const sep = match[1] === 'gitlab.com' ? '/-' : '';
  return {
    commitUrl: `${base}${sep}/commit/${commit}`,
    fileUrl: `${base}${sep}/blob/${branch}/${file}`,
  };
}

/**
 * `meshifi:gitops:publish`: commits a manifest from the workspace to the
 * GitOps repository the platform configured (`meshifi.gitops`), at the same
 * path, and pushes it. The manifest is read with the one rule for GitOps
 * files and authorized with the credentials of whoever started the task,
 * whichever template wrote it. Inside the serialized publish, against the
 * tree the commit goes onto, it refuses names, service accounts and GCP
 * projects that another file has, and a product that breaks the mesh: an
 * input port to a table that is not there or to a retired product, a loop
 * of input ports, a table or product others read taken away, a replacement
 * that does not exist, or a change that breaks readers without a new major
 * version. Never overwrites: a different file at the
 * path fails naming its owners; the same file (a retried task) is left as it
 * is. The commit runs in a checkpoint, so a resumed task does not commit
 * twice.
 *
 * @public
 */
export function publishToGitOpsAction(
  options: {
    repository?: GitOpsRepository;
    /** Announces each push, so that the catalog reads it at once. */
    events?: EventsService;
  } & TenancyDeps,
) {
  return createTemplateAction({
    id: 'meshifi:gitops:publish',
    description:
      'Commits a meshifi manifest from the workspace to the GitOps repository and pushes it, without ever overwriting.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        filePath: z =>
          z
            .string()
            .describe(
              'The manifest, relative to the workspace; also its path in the repository',
            ),
        message: z => z.string().optional().describe('The commit message'),
      },
      output: {
        commit: z => z.string().describe('The commit that holds the manifest'),
        created: z =>
          z
            .boolean()
            .describe('False when the identical manifest was already there'),
        repository: z => z.string().describe('The GitOps repository'),
        commitUrl: z =>
          z
            .string()
            .optional()
            .describe('The commit on the git host, when it has a web page'),
        fileUrl: z =>
          z
            .string()
            .optional()
            .describe('The file on the git host, when it has a web page'),
      },
    },
    async handler(ctx) {
      const { repository } = options;
      if (!repository) {
        throw new InputError(
          'meshifi has no GitOps repository configured: ask the platform team to set meshifi.gitops.url.',
        );
      }
      const { filePath } = ctx.input;
      if (!isGitopsManifestPath(filePath)) {
        throw new InputError(
          `${filePath} is not where meshifi keeps manifests.`,
        );
      }
      const content = await fs.readFile(
        resolveSafeChildPath(ctx.workspacePath, filePath),
        'utf8',
      );
      const read = readGitopsFile(filePath, content);
      if (!read.ok) {
        throw new InputError(read.message);
      }
      // A grant is written by its owners' approval, never by a template:
      // publishing one here would give access nobody approved.
      const manifest = read.manifest;
      if (manifest.kind === 'DataAccess') {
        throw new NotAllowedError(
          `${filePath} is an access grant: grants are not published by templates. Ask for access with the "Request access" button on the product's page; the product's owners approve it there.`,
        );
      }
      await authorizeManifest(
        manifest,
        options,
        await ctx.getInitiatorCredentials(),
      );
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit ${filePath} to ${repository.remote}`,
        );
        ctx.output('commit', 'dry-run');
        ctx.output('created', true);
        ctx.output('repository', repository.remote);
        return;
      }
      // Every rule of the mesh at once, before anything is attempted: a
      // change to a product already there is refused by the rules it breaks,
      // which say what to do, rather than only by its path being taken.
      const refused = await meshRefusal(
        repository,
        await repository.fetch(),
        manifest,
        filePath,
        content,
      );
      if (refused) {
        throw refused;
      }
      const published = await ctx.checkpoint({
        key: `meshifi-gitops-publish-${filePath}`,
        fn: async () => {
          const result = await repository.publishFile({
            path: filePath,
            content,
            message: ctx.input.message ?? `Add ${filePath}`,
            verify: async base => {
              // Again against the tree the commit goes onto, inside the
              // serialized publish: another publish may have landed since.
              const broken = await meshRefusal(
                repository,
                base,
                manifest,
                filePath,
                content,
              );
              if (broken) {
                return broken;
              }
              const conflict = publishConflict(
                manifest,
                await repositoryContentAt(repository, base),
              );
              return conflict ? new ConflictError(conflict) : undefined;
            },
            ifExists: existing =>
              existing === content
                ? undefined
                : new ConflictError(
                    `${filePath} already exists in the GitOps repository, owned by ${ownersOf(
                      existing,
                    )}. Nothing was changed: pick another name.`,
                  ),
          });
          return { ...result };
        },
      });
      ctx.logger.info(
        published.created
          ? `Committed ${filePath} as ${published.commit}`
          : `${filePath} was already in the repository; nothing to commit`,
      );
      if (published.created && options.events) {
        const eventPayload: GitOpsPushedPayload = {
          remote: repository.remote,
          branch: repository.branch,
          commit: published.commit,
          path: filePath,
        };
        // The commit is pushed whatever happens here: the catalog's poll
        // reads it later if the announcement is lost.
        await options.events
          .publish({ topic: GITOPS_PUSHED_TOPIC, eventPayload })
          .catch(error =>
            ctx.logger.warn(
              `Could not announce ${published.commit}; the catalog reads it at its next poll: ${error}`,
            ),
          );
      }
      const links = webLinks(
        repository.remote,
        repository.branch,
        published.commit,
        filePath,
      );
      ctx.output('commit', published.commit);
      ctx.output('created', published.created);
      ctx.output('repository', repository.remote);
      if (links.commitUrl) {
        ctx.output('commitUrl', links.commitUrl);
        ctx.output('fileUrl', links.fileUrl);
      }
    },
  });
}
