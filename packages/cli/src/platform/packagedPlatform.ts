import { PlatformConfig } from '@meshifi/common';
import {
  COMPOSITIONS,
  FUNCTION_NAMES,
  platformConfigFrom,
} from '@meshifi/crossplane-function';

/**
 * The platform settings of the DataProduct Composition the Crossplane
 * package ships: where products of no domain go, and the default location.
 * Read through the function's own platformConfigFrom, so that the CLI
 * composes exactly as the function does with that Composition.
 */
export function packagedPlatform(): PlatformConfig {
  const step = COMPOSITIONS.DataProduct.spec.pipeline.find(
    s => s.functionRef.name === FUNCTION_NAMES.meshifi,
  );
  return platformConfigFrom(step?.input, undefined);
}
