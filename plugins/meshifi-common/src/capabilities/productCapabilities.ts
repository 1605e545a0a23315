import { LABELS } from '../constants';
import { ComposedResource } from '../compose/compose';
import { DataProduct } from '../model/types';
import { Problem } from '../validation/Problem';
import { Capability, ProductContext } from './Capability';
import { capabilityFieldProblems } from './capabilityFieldProblems';
import { CAPABILITIES } from './registry';

/** The capabilities a product turns on (its keys under spec.capabilities), in registry order. */
export function capabilitiesOf(
  product: DataProduct,
  capabilities: readonly Capability[] = CAPABILITIES,
): Array<{ capability: Capability; spec: unknown }> {
  const chosen = product.spec.capabilities ?? {};
  return capabilities
    .filter(capability => chosen[capability.name] !== undefined)
    .map(capability => ({ capability, spec: chosen[capability.name] }));
}

/**
 * A capability's desired resources for a product: none when the product
 * does not turn it on. Each resource carries the product's labels and the
 * capability's, and its key starts with the capability's name, so that two
 * capabilities never compose the same key.
 */
export function composeCapability(
  capability: Capability,
  product: DataProduct,
  context: ProductContext,
  settings: unknown,
): ComposedResource[] {
  const spec = product.spec.capabilities?.[capability.name];
  if (spec === undefined) {
    return [];
  }
  return capability
    .compose({ spec, product, context, settings })
    .map(composed => ({
      ...composed,
      key: composed.key.startsWith(`${capability.name}-`)
        ? composed.key
        : `${capability.name}-${composed.key}`,
      resource: {
        ...composed.resource,
        metadata: {
          ...composed.resource.metadata,
          labels: {
            ...context.labels,
            [LABELS.role]: composed.role,
            ...composed.resource.metadata.labels,
            [LABELS.capability]: capability.name,
          },
        },
      },
    }));
}

/**
 * What is wrong with the product's capabilities beyond their schemas, with
 * paths under spec.capabilities.<name>: fields no capability has (which the
 * cluster would drop silently), then each capability's problems.
 * `settings` gives each capability's platform settings where they are known.
 */
export function capabilityProblems(
  product: DataProduct,
  settings: Record<string, unknown> = {},
  capabilities: readonly Capability[] = CAPABILITIES,
): Problem[] {
  return [
    ...capabilityFieldProblems(product.spec.capabilities, capabilities),
    ...capabilitiesOf(product, capabilities).flatMap(({ capability, spec }) =>
      capability.problems({
        spec,
        product,
        settings: settings[capability.name],
      }),
    ),
  ];
}
