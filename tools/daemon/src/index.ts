/**
 * What meshifi's small daemons (the stand-in provider, the git HTTP server)
 * share: their log lines and their signal handling.
 *
 * @packageDocumentation
 */

export { consoleLogger } from './consoleLogger';
export type { Logger } from './consoleLogger';
export { keepRunning } from './keepRunning';
