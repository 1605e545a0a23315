/**
 * Node helpers shared by the meshifi backend modules.
 *
 * @packageDocumentation
 */

export { GitOpsRepository } from './gitops/GitOpsRepository';
export { initGitOpsRepository } from './gitops/initGitOpsRepository';
export {
  GitOpsAccessDeniedError,
  GitOpsOvertakenError,
  GitOpsPushRejectedError,
  GitOpsUnavailableError,
} from './gitops/errors';
export type {
  Changes,
  GitAuthor,
  GitOpsRepositoryOptions,
  InitialContent,
  PublishedFile,
  PublishFileOptions,
  RemovedFiles,
  RemoveFilesOptions,
} from './gitops/GitOpsRepository';
export type { FileContents } from './gitops/readFiles';
export { git, GitError } from './gitops/git';
export { classifyGitFailure } from './gitops/gitFailures';
export type { GitFailure } from './gitops/gitFailures';
export { remoteSettingsFromConfig } from './gitops/remoteSettingsFromConfig';
export { readFiles } from './gitops/readFiles';
export { redactUrl } from './gitops/redactUrl';
export {
  readOptionalPlatformConfig,
  readPlatformConfig,
} from './platformConfig';
export { CatalogPlanResolver } from './plan/CatalogPlanResolver';
export type { ResolvedPlan } from './plan/CatalogPlanResolver';
export { GITOPS_PUSHED_TOPIC } from './gitops/gitopsEvents';
export type { GitOpsPushedPayload } from './gitops/gitopsEvents';
