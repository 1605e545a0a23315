import {
  AccessPolicy,
  accessPolicyOf,
  MEDALLION_LAYERS,
  PlatformConfig,
} from '@meshifi/common';

/** The function's input in a Composition: the platform's settings. */
export interface FunctionInput {
  apiVersion?: string;
  kind?: string;
  /** In a capability's step of the DataProduct pipeline: the capability's name. */
  capability?: string;
  platform?: Partial<PlatformConfig>;
}

/** Where the platform settings may also come from: an EnvironmentConfig under `meshifi.platform`. */
export const ENVIRONMENT_CONTEXT_KEY =
  'apiextensions.crossplane.io/environment';

const PROVIDER_CONFIG_KINDS = ['ProviderConfig', 'ClusterProviderConfig'];

/** The platform settings of the input, overlaid by the EnvironmentConfig's. */
function mergedPlatform(
  input: FunctionInput | undefined,
  environment: unknown,
): Partial<PlatformConfig> {
  const fromEnvironment =
    (environment as { meshifi?: { platform?: Partial<PlatformConfig> } })
      ?.meshifi?.platform ?? {};
  return { ...input?.platform, ...fromEnvironment };
}

/** The provider config the managed resources use, if the platform names one. */
export function providerConfigFrom(
  input: FunctionInput | undefined,
  environment: unknown,
): PlatformConfig['providerConfig'] {
  const providerConfig = mergedPlatform(input, environment).providerConfig;
  if (
    providerConfig &&
    (!PROVIDER_CONFIG_KINDS.includes(providerConfig.kind) ||
      typeof providerConfig.name !== 'string')
  ) {
    throw new Error(
      'input.platform.providerConfig needs a kind (ProviderConfig or ClusterProviderConfig) and a name.',
    );
  }
  return providerConfig;
}

/**
 * The platform settings from the Composition's function input, overlaid by an
 * EnvironmentConfig's `meshifi.platform` when the pipeline loads one. Throws
 * an error that tells the platform engineer what to set.
 */
export function platformConfigFrom(
  input: FunctionInput | undefined,
  environment: unknown,
): PlatformConfig {
  const merged = mergedPlatform(input, environment);
  const missing = (['project', 'location'] as const).filter(
    key => typeof merged[key] !== 'string' || merged[key] === '',
  );
  if (missing.length > 0) {
    throw new Error(
      `The platform settings lack ${missing.join(
        ' and ',
      )}: set them in the Composition's function input (input.platform) or in an EnvironmentConfig under meshifi.platform.`,
    );
  }
  const providerConfig = providerConfigFrom(input, environment);
  return {
    project: merged.project!,
    location: merged.location!,
    ...(providerConfig ? { providerConfig } : {}),
  };
}

/** The longest a platform may let grants run: ten years. */
const MAX_ACCESS_DAYS = 3650;

/**
 * The platform's rules for DataAccess grants, `access` of the function input
 * overlaid by an EnvironmentConfig's `meshifi.platform.access`, each setting
 * the model's default where neither says it. Throws an error that tells the
 * platform engineer what to set.
 */
export function accessPolicyFrom(
  input: FunctionInput | undefined,
  environment: unknown,
): AccessPolicy {
  const access = {
    ...input?.platform?.access,
    ...mergedPlatform(undefined, environment).access,
  };
  const { shareableLayers, maxDays } = access;
  if (
    shareableLayers !== undefined &&
    (!Array.isArray(shareableLayers) ||
      !shareableLayers.every(layer =>
        (MEDALLION_LAYERS as readonly unknown[]).includes(layer),
      ))
  ) {
    throw new Error(
      `input.platform.access.shareableLayers lists the layers grants may read: some of ${MEDALLION_LAYERS.join(
        ', ',
      )}.`,
    );
  }
  if (
    maxDays !== undefined &&
    (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > MAX_ACCESS_DAYS)
  ) {
    throw new Error(
      `input.platform.access.maxDays is how many days a grant may last at most: a whole number from 1 to ${MAX_ACCESS_DAYS}.`,
    );
  }
  return accessPolicyOf({ access });
}

/**
 * The raw settings of one capability: the input's
 * `platform.capabilities.<name>`, overlaid field by field by an
 * EnvironmentConfig's `meshifi.platform.capabilities.<name>`. The
 * capability reads them (Capability.settings).
 */
export function capabilitySettingsFrom(
  input: FunctionInput | undefined,
  environment: unknown,
  name: string,
): Record<string, unknown> {
  const fromInput = input?.platform?.capabilities?.[name];
  const fromEnvironment = mergedPlatform(undefined, environment).capabilities?.[
    name
  ];
  return {
    ...(fromInput as Record<string, unknown> | undefined),
    ...(fromEnvironment as Record<string, unknown> | undefined),
  };
}
