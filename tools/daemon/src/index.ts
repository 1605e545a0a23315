/**
 * What meshifi's small daemons (the stand-in provider, the GitOps sync loop)
 * share: their log lines and their signal handling.
 *
 * @packageDocumentation
 */

export { consoleLogger } from './consoleLogger';
export type { Logger } from './consoleLogger';
export { keepRunning } from './keepRunning';
