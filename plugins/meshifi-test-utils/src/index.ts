/**
 * Test helpers of the meshifi packages: a real smart-HTTP git server, a
 * real local control plane, and the real Crossplane CLI with composition
 * functions served on loopback. Only ever a devDependency.
 *
 * @packageDocumentation
 */

export { startGitHttpServer, createBareRepository } from './gitHttpServer';
export type { GitHttpServer, GitHttpServerOptions } from './gitHttpServer';
export { useGitOpsServer } from './gitOpsServer';
export type {
  GitOpsServer,
  GitOpsServerRepositoryOptions,
} from './gitOpsServer';
export { commitFilesOneByOne } from './commitFilesOneByOne';
export { startTestControlPlane, controlPlaneAvailable } from './controlPlane';
export type { TestControlPlane } from './controlPlane';
export { crossplaneTools } from './crossplaneTools';
export { crossplaneValidate } from './crossplaneValidate';
export type { CrossplaneTools } from './crossplaneTools';
export {
  developmentFunctions,
  freePort,
  startLocalFunction,
} from './localFunction';
export type { LocalFunction } from './localFunction';
export { startRenderFunctions } from './renderFunctions';
export type { RenderFunctions } from './renderFunctions';
export { collectingLogger } from './collectingLogger';
export type { CollectingLogger } from './collectingLogger';
export { eventually } from './eventually';
export type { EventuallyOptions } from './eventually';
