/**
 * Test helpers: a real smart-HTTP git server.
 *
 * @packageDocumentation
 */

export { startGitHttpServer, createBareRepository } from './gitHttpServer';
export type { GitHttpServer } from './gitHttpServer';
