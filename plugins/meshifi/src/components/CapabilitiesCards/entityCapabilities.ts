import { Entity } from '@backstage/catalog-model';
import { CAPABILITIES, Capability } from '@meshifi/common';
import { chosenCapabilitiesOf, turnsOn } from './chosenCapabilities';

/** A capability a product turns on, with its fragment of the product's spec. */
export interface TurnedOnCapability {
  capability: Capability;
  spec: unknown;
}

/**
 * The capabilities the product's entity turns on, in the order of the
 * list: a name the list does not know (a capability this meshifi does not
 * have) is left out, as the composition function leaves it.
 */
export function capabilitiesOfEntity(
  entity: Entity,
  capabilities: readonly Capability[] = CAPABILITIES,
): TurnedOnCapability[] {
  const chosen = chosenCapabilitiesOf(entity);
  return capabilities
    .filter(capability => turnsOn(chosen[capability.name]))
    .map(capability => ({ capability, spec: chosen[capability.name] }));
}
