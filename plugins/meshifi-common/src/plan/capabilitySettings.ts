import { Capability } from '../capabilities/Capability';
import { PlatformConfig } from '../model/types';

/** A capability's platform settings as read, or why they cannot be. */
export type CapabilitySettings =
  | { ok: true; settings: unknown }
  | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings a capability composes with outside Crossplane: those the
 * package ships in the Composition's step of the capability, overlaid field
 * by field by the platform's `capabilities.<name>` (app-config's
 * `meshifi.platform.capabilities.<name>`), as the function overlays them
 * with an EnvironmentConfig's. Read by the capability itself
 * (Capability.settings); its error, for the platform engineer, is kept.
 */
export function capabilitySettingsOf(
  capability: Capability,
  platform: PlatformConfig,
): CapabilitySettings {
  const configured = platform.capabilities?.[capability.name];
  try {
    return {
      ok: true,
      settings: capability.settings({
        ...capability.packagedSettings,
        ...(isObject(configured) ? configured : {}),
      }),
    };
  } catch (error) {
    return {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * Why a product cannot have a capability the platform has not set up, in
 * words for the analyst, with the platform engineer's reason for them to
 * pass on.
 */
export function unsetCapabilityMessage(
  capability: Capability,
  reason: string,
): string {
  return `${capability.title} cannot be set up on this platform yet: ask the platform team to set meshifi.platform.capabilities.${capability.name}, or turn ${capability.title} off for now. (What the platform lacks: ${reason})`;
}
