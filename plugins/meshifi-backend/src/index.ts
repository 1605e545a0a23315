/**
 * The meshifi backend plugin.
 *
 * @packageDocumentation
 */

export { meshifiPlugin as default } from './plugin';
