/**
 * git's own smart-HTTP server (git http-backend) behind Node's http server:
 * the core the test git server of @meshifi/test-utils is built on, and a
 * server of one local bare repository, read-only, on loopback (the daemon of
 * src/main.ts, for Flux on a local control plane).
 *
 * @packageDocumentation
 */

export { runHttpBackend } from './httpBackend';
export type { HttpBackendRequest } from './httpBackend';
export { readOnlyRoute } from './readOnlyRoute';
export type { ReadOnlyRoute } from './readOnlyRoute';
export { startReadOnlyGitServer } from './readOnlyGitServer';
export type { ReadOnlyGitServer } from './readOnlyGitServer';
