import { Capability } from '../capabilities/Capability';
import {
  capabilitiesOf,
  composeCapability,
} from '../capabilities/productCapabilities';
import { productContextOf } from '../capabilities/productContext';
import { CAPABILITIES } from '../capabilities/registry';
import { compose, ComposedResource } from '../compose/compose';
import { DataDomain, DataProduct, PlatformConfig } from '../model/types';
import { Problem, ValidationError } from '../validation/Problem';
import {
  capabilitySettingsOf,
  unsetCapabilityMessage,
} from './capabilitySettings';

/**
 * Everything the DataProduct Composition's pipeline composes for a product,
 * outside Crossplane: the core step's resources (compose()), then each
 * capability the product turns on, in the registry's order, with the
 * platform's settings of the capability (capabilitySettingsOf) and the
 * context the core step passes on (productContextOf), as the function's
 * capability steps compose them.
 *
 * Throws a ValidationError with every problem: the product's (compose()
 * validates it, the capabilities' own checks without settings included),
 * then, once the product is valid, each capability's with the platform's
 * settings, or that the platform has not set the capability up.
 */
export function composeWithCapabilities(
  product: DataProduct,
  platform: PlatformConfig,
  domain?: DataDomain,
  capabilities: readonly Capability[] = CAPABILITIES,
): ComposedResource[] {
  const core = compose(product, platform, domain);
  const chosen = capabilitiesOf(product, capabilities).map(
    ({ capability, spec }) => ({
      capability,
      spec,
      read: capabilitySettingsOf(capability, platform),
    }),
  );
  const problems: Problem[] = chosen.flatMap(({ capability, spec, read }) =>
    read.ok
      ? capability.problems({ spec, product, settings: read.settings })
      : [
          {
            path: `spec.capabilities.${capability.name}`,
            message: unsetCapabilityMessage(capability, read.message),
          },
        ],
  );
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const context = productContextOf(product, platform, domain);
  return [
    ...core,
    ...chosen.flatMap(({ capability, read }) =>
      composeCapability(
        capability,
        product,
        context,
        read.ok ? read.settings : undefined,
      ),
    ),
  ];
}
