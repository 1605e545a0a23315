import { PlatformConfig } from '@meshifi/common';
import {
  COMPOSITIONS,
  FUNCTION_NAMES,
  FunctionInput,
  platformConfigFrom,
} from '@meshifi/crossplane-function';

/**
 * The platform settings of the DataProduct Composition the Crossplane
 * package ships: where products of no domain go, the default location, and
 * each capability's settings as its step gets them. Read through the
 * function's own platformConfigFrom, so that the CLI composes exactly as the
 * function does with that Composition.
 */
export function packagedPlatform(): PlatformConfig {
  const { pipeline } = COMPOSITIONS.DataProduct.spec;
  const core = pipeline.find(
    s =>
      s.functionRef.name === FUNCTION_NAMES.meshifi &&
      !(s.input as FunctionInput | undefined)?.capability,
  );
  const capabilities = Object.fromEntries(
    pipeline
      .map(s => s.input as FunctionInput | undefined)
      .filter(input => input?.capability)
      .map(input => [
        input!.capability!,
        input!.platform?.capabilities?.[input!.capability!] ?? {},
      ]),
  );
  return {
    ...platformConfigFrom(core?.input, undefined),
    ...(Object.keys(capabilities).length ? { capabilities } : {}),
  };
}
