/**
 * Node helpers shared by the meshifi backend modules.
 *
 * @packageDocumentation
 */

export {
  GitOpsRepository,
  GitOpsUnavailableError,
  initGitOpsRepository,
} from './gitops/GitOpsRepository';
export type {
  Changes,
  GitAuthor,
  GitOpsRepositoryOptions,
  PublishedFile,
  PublishFileOptions,
} from './gitops/GitOpsRepository';
export { GitError } from './gitops/git';
export { readPlatformConfig } from './platformConfig';
