/**
 * The meshifi composition function.
 *
 * @packageDocumentation
 */

export { runFunction, createRunFunction } from './runFunction';
export { platformConfigFrom } from './platformConfig';
export type { FunctionInput } from './platformConfig';
export {
  COMPOSITIONS,
  FUNCTION_NAMES,
  PACKAGED_PLATFORM,
} from './compositions';
export type { Composition, PipelineStep } from './compositions';
