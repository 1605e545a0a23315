/**
 * Test helpers: a real smart-HTTP git server and a real local control plane.
 *
 * @packageDocumentation
 */

export { startGitHttpServer, createBareRepository } from './gitHttpServer';
export type { GitHttpServer, GitHttpServerOptions } from './gitHttpServer';
export { startTestControlPlane, controlPlaneAvailable } from './controlPlane';
export type { TestControlPlane } from './controlPlane';
