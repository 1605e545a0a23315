import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AccessPolicy,
  CAPABILITIES,
  Capability,
  capabilitySettingsOf,
  MEDALLION_LAYERS,
  MedallionLayer,
  PlatformConfig,
} from '@meshifi/common';

const KEYS = {
  project: 'the GCP project of products whose domain names none',
  location: 'the BigQuery location of products that name none, e.g. EU',
} as const;

type PlatformKey = keyof typeof KEYS;
const PLATFORM_KEYS = Object.keys(KEYS) as PlatformKey[];

/**
 * The platform settings (`meshifi.platform`) meshifi composes with outside
 * Crossplane: the Create page's preview and the status page's expected
 * resources. They must match the Composition's function input, so that both
 * show what Crossplane will create. Required: without them nothing can be
 * planned, so the backend plugin and the scaffolder module refuse to start.
 */
export function readPlatformConfig(config: Config): PlatformConfig {
  const platform = readOptionalPlatformConfig(config);
  if (!platform) {
    throw new InputError(
      `meshifi.platform is not set: set ${describeKeys(
        PLATFORM_KEYS,
      )}, the same as the Composition's function input`,
    );
  }
  return platform;
}

/**
 * The platform settings when `meshifi.platform` is set, for a module that
 * works without them (the catalog module links the datasets of products
 * without a domain only when it knows their project). Set, they are read as
 * {@link readPlatformConfig} reads them: both keys or an error.
 */
export function readOptionalPlatformConfig(
  config: Config,
): PlatformConfig | undefined {
  const platform = config.getOptionalConfig('meshifi.platform');
  if (!platform) {
    return undefined;
  }
  const missing = PLATFORM_KEYS.filter(key => !platform.has(key));
  if (missing.length > 0) {
    throw new InputError(
      `meshifi.platform lacks ${describeKeys(
        missing,
      )}, the same as the Composition's function input`,
    );
  }
  const text = (key: PlatformKey) => {
    try {
      return platform.getString(key);
    } catch (error) {
      throw new InputError(`${describeKeys([key])} must be text`, error);
    }
  };
  const access = platform.getOptionalConfig('access');
  const read: PlatformConfig = {
    project: text('project'),
    location: text('location'),
    ...(access ? { access: readAccessPolicy(access) } : {}),
  };
  const capabilities = platform.getOptionalConfig('capabilities');
  return capabilities
    ? { ...read, capabilities: readCapabilitySettings(capabilities, read) }
    : read;
}

/**
 * `meshifi.platform.capabilities`: each capability's settings under its
 * name, the same as the Composition's capability steps get (an
 * EnvironmentConfig's meshifi.platform.capabilities). Each is read by its
 * capability, over the settings the package ships, so that a mistake stops
 * the backend at start with the capability's own words rather than every
 * product that turns it on.
 */
export function readCapabilitySettings(
  config: Config,
  platform: PlatformConfig,
  capabilities: readonly Capability[] = CAPABILITIES,
): Record<string, unknown> {
  const raw = config.get<Record<string, unknown>>();
  for (const name of Object.keys(raw)) {
    const capability = capabilities.find(c => c.name === name);
    if (!capability) {
      throw new InputError(
        `meshifi.platform.capabilities.${name} is not a capability meshifi has: set ${
          capabilities
            .map(c => `meshifi.platform.capabilities.${c.name}`)
            .join(' or ') || 'none'
        }`,
      );
    }
    const settings = capabilitySettingsOf(capability, {
      ...platform,
      capabilities: raw,
    });
    if (!settings.ok) {
      throw new InputError(
        `meshifi.platform.capabilities.${name} (${capability.title}): ${settings.message}`,
      );
    }
  }
  return raw;
}

/**
 * `meshifi.platform.access`: which layers of a product may be shared and for
 * how many days at most, the same as the Composition's input.platform.access
 * (the function refuses what this lets through otherwise).
 */
function readAccessPolicy(access: Config): Partial<AccessPolicy> {
  const layers = access.getOptionalStringArray('shareableLayers');
  const unknown = layers?.filter(
    layer => !(MEDALLION_LAYERS as readonly string[]).includes(layer),
  );
  if (unknown?.length) {
    throw new InputError(
      `meshifi.platform.access.shareableLayers names ${unknown.join(
        ', ',
      )}: list layers among ${MEDALLION_LAYERS.join(', ')}`,
    );
  }
  const maxDays = access.getOptionalNumber('maxDays');
  if (maxDays !== undefined && (!Number.isInteger(maxDays) || maxDays < 1)) {
    throw new InputError(
      'meshifi.platform.access.maxDays must be a whole number of days, at least 1',
    );
  }
  return {
    ...(layers ? { shareableLayers: layers as MedallionLayer[] } : {}),
    ...(maxDays !== undefined ? { maxDays } : {}),
  };
}

function describeKeys(keys: PlatformKey[]): string {
  return keys
    .map(key => `meshifi.platform.${key} (${KEYS[key]})`)
    .join(' and ');
}
