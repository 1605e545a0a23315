import { PlatformConfig } from '@meshifi/common';

/** The function's input in a Composition: the platform's settings. */
export interface FunctionInput {
  apiVersion?: string;
  kind?: string;
  platform?: Partial<PlatformConfig>;
}

/** Where the platform settings may also come from: an EnvironmentConfig under `meshifi.platform`. */
export const ENVIRONMENT_CONTEXT_KEY =
  'apiextensions.crossplane.io/environment';

const PROVIDER_CONFIG_KINDS = ['ProviderConfig', 'ClusterProviderConfig'];

/**
 * The platform settings from the Composition's function input, overlaid by an
 * EnvironmentConfig's `meshifi.platform` when the pipeline loads one. Throws
 * an error that tells the platform engineer what to set.
 */
export function platformConfigFrom(
  input: FunctionInput | undefined,
  environment: unknown,
): PlatformConfig {
  const fromEnvironment =
    (environment as { meshifi?: { platform?: Partial<PlatformConfig> } })
      ?.meshifi?.platform ?? {};
  const merged = { ...input?.platform, ...fromEnvironment };
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
  const providerConfig = merged.providerConfig;
  if (
    providerConfig &&
    (!PROVIDER_CONFIG_KINDS.includes(providerConfig.kind) ||
      typeof providerConfig.name !== 'string')
  ) {
    throw new Error(
      'input.platform.providerConfig needs a kind (ProviderConfig or ClusterProviderConfig) and a name.',
    );
  }
  return {
    project: merged.project!,
    location: merged.location!,
    ...(providerConfig ? { providerConfig } : {}),
  };
}
