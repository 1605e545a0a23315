import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  GITOPS_FILE_LIMITS,
  hasEnded,
  isGrantPath,
  printablePath,
  readGitopsFile,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { EndedGrant, endedGrant, endedGrantsMessage } from './endedGrant';

export interface RemoveEndedGrantsOptions {
  repository: GitOpsRepository;
  /** The current instant. */
  now: () => Date;
  logger: LoggerService;
}

/** A grant housekeeping removed, and the commit that removed it. */
export interface RemovedGrant extends EndedGrant {
  commit: string;
}

/** A grant file to remove, with the content it was judged on. */
interface Candidate {
  grant: EndedGrant;
  content: string;
}

/**
 * Removes, in one commit, the file of every access grant whose last day has
 * ended (in UTC). IAM's condition already ended the access in Google Cloud;
 * the file goes so that the repository says who has access. A file that is
 * not a grant housekeeping understands is logged and left in place: it
 * never deletes what it cannot read. Gives the grants it removed, in the
 * order of their paths.
 */
export async function removeEndedGrants(
  options: RemoveEndedGrantsOptions,
): Promise<RemovedGrant[]> {
  const { repository, logger } = options;
  const head = await repository.fetch();
  const candidates = await endedGrantsAt(repository, head, options);
  if (!candidates.size) {
    return [];
  }
  const { commit, removed } = await repository.removeFiles({
    paths: [...candidates.keys()],
    message: paths =>
      endedGrantsMessage(paths.map(p => candidates.get(p)!.grant)),
    // A grant renewed since it was read is not the one judged ended.
    verify: base => changedSince(repository, base, candidates),
  });
  const grants = removed.map(path => ({
    ...candidates.get(path)!.grant,
    commit,
  }));
  for (const grant of grants) {
    logger.info(
      `Removed the access grant ${grant.namespace}/${grant.name} (${grant.consumer} on ${grant.product}), whose last day ${grant.expires} has ended, from the GitOps repository`,
    );
  }
  return grants;
}

/** The ended grants at a commit, by path; the files it cannot read are logged. */
async function endedGrantsAt(
  repository: GitOpsRepository,
  commit: string,
  { now, logger }: RemoveEndedGrantsOptions,
): Promise<Map<string, Candidate>> {
  const paths = (await repository.listFiles(commit)).filter(isGrantPath);
  const { contents, refused } = await repository.readFiles(commit, paths, {
    maxBytes: GITOPS_FILE_LIMITS.maxBytes,
  });
  const leftInPlace = (why: string) =>
    logger.warn(
      `${why} Access housekeeping leaves it in place: fix the file, or remove it if its grant has ended.`,
    );
  for (const [path, reason] of refused) {
    leftInPlace(`${printablePath(path)} was not read: ${reason}.`);
  }
  const ended = new Map<string, Candidate>();
  const instant = now();
  for (const [path, content] of contents) {
    // The one rule for files of the repository: housekeeping removes only
    // what every other reader would take for this very grant.
    const file = readGitopsFile(path, content);
    if (!file.ok) {
      leftInPlace(file.message);
    } else if (
      file.manifest.kind === 'DataAccess' &&
      hasEnded(file.manifest.spec.expires, instant)
    ) {
      ended.set(path, { grant: endedGrant(file.manifest, path), content });
    }
  }
  return ended;
}

/** Refuses the removal when a file changed since it was judged ended. */
async function changedSince(
  repository: GitOpsRepository,
  base: string,
  candidates: Map<string, Candidate>,
): Promise<Error | undefined> {
  const { contents, refused } = await repository.readFiles(
    base,
    [...candidates.keys()],
    { maxBytes: GITOPS_FILE_LIMITS.maxBytes },
  );
  const changed = [...candidates].find(
    ([path, { content }]) =>
      refused.has(path) ||
      // Gone is fine: removeFiles skips it.
      (contents.has(path) && contents.get(path) !== content),
  );
  if (!changed) {
    return undefined;
  }
  const [path] = changed;
  return new ConflictError(
    `The access grant file ${path} changed while housekeeping removed the grants that ended. Nothing was removed; the next run reads it again.`,
  );
}
