/**
 * Test helpers of the meshifi packages: a real smart-HTTP git server and a
 * real local control plane. Only ever a devDependency.
 *
 * @packageDocumentation
 */

export { startGitHttpServer, createBareRepository } from './gitHttpServer';
export type { GitHttpServer, GitHttpServerOptions } from './gitHttpServer';
export { startTestControlPlane, controlPlaneAvailable } from './controlPlane';
export type { TestControlPlane } from './controlPlane';
export { collectingLogger } from './collectingLogger';
export type { CollectingLogger } from './collectingLogger';
export { eventually } from './eventually';
export type { EventuallyOptions } from './eventually';
