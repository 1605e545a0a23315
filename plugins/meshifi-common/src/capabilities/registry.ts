import { Capability } from './Capability';
import { dbtCapability } from './dbt';
import { fivetranCapability } from './fivetran';

/**
 * The capabilities a data product can have. A new capability is its folder
 * here and one line in this list; the XRD, the Composition's pipeline, the
 * RBAC, the Create form and the entity page follow from it.
 */
export const CAPABILITIES: readonly Capability[] = [
  fivetranCapability,
  dbtCapability,
];

/** The capability of that name in the list, if any. */
export function capabilityNamed(
  name: string,
  capabilities: readonly Capability[] = CAPABILITIES,
): Capability | undefined {
  return capabilities.find(capability => capability.name === name);
}
