import { Capability, CapabilityCard, CapabilityState } from '@meshifi/common';
import { errorMessage, Provisioning } from '../../hooks/useProvisioning';

/** status.capabilities.<name> from the report, when it is an object. */
function reportedStatusOf(
  provisioning: Provisioning,
  name: string,
): Record<string, unknown> | undefined {
  const reported = provisioning.report?.xr?.capabilities?.[name];
  return reported && typeof reported === 'object' && !Array.isArray(reported)
    ? (reported as Record<string, unknown>)
    : undefined;
}

/**
 * The state to show while the provisioning report, where the capability's
 * status comes from, is not there: being fetched, refused, or failed. Then
 * the capability's own state would say "not reported yet", which is not
 * known; its facts from the spec still hold.
 */
function stateWithoutReport(
  provisioning: Provisioning,
): CapabilityState | undefined {
  if (provisioning.report) {
    return undefined;
  }
  if (provisioning.forbidden) {
    return {
      label: 'Not shown',
      tone: 'pending',
      detail: 'You may not see what was provisioned for this product.',
    };
  }
  if (provisioning.error) {
    return {
      label: 'Not known just now',
      tone: 'warning',
      detail: `Its state could not be read: ${errorMessage(
        provisioning.error,
      )}`,
    };
  }
  return { label: 'Checking…', tone: 'pending' };
}

/**
 * A capability's card for the product: the capability's own card of the
 * product's spec and the status the XR reports. A spec or status the
 * capability cannot read (an entity written by hand) gives a card that says
 * so and what to do, rather than a broken page.
 */
export function capabilityCardOf(
  capability: Capability,
  spec: unknown,
  provisioning: Provisioning,
): CapabilityCard {
  let card: CapabilityCard;
  try {
    card = capability.card({
      spec,
      status: reportedStatusOf(provisioning, capability.name),
    });
  } catch (error) {
    return {
      title: capability.title,
      state: {
        label: 'Cannot be shown',
        tone: 'error',
        detail: `This product's ${
          capability.title
        } settings (spec.capabilities.${capability.name}) cannot be read: ${
          (error as Error)?.message ?? String(error)
        }. Ask the product's owners to correct them in its file.`,
      },
      facts: [],
    };
  }
  const state = stateWithoutReport(provisioning);
  return state ? { ...card, state } : card;
}
