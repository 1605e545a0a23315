/**
 * The meshifi composition function.
 *
 * @packageDocumentation
 */

export { runFunction } from './runFunction';
export { platformConfigFrom } from './platformConfig';
export type { FunctionInput } from './platformConfig';
