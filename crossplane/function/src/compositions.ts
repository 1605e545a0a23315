import {
  Capability,
  CAPABILITIES,
  DEFAULT_ACCESS_POLICY,
  MESHIFI_API_VERSION,
  PlatformConfig,
} from '@meshifi/common';
import { FunctionInput } from './platformConfig';

/** The meshifi kinds a Composition of the package composes. */
export type ComposedKind = 'DataProduct' | 'DataDomain' | 'DataAccess';

/** One step of a Composition's pipeline: a function and its input. */
export interface PipelineStep {
  step: string;
  functionRef: { name: string };
  input?: FunctionInput;
}

/** A Crossplane Composition in Pipeline mode, as meshifi ships it. */
export interface Composition {
  apiVersion: 'apiextensions.crossplane.io/v1';
  kind: 'Composition';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    compositeTypeRef: { apiVersion: string; kind: string };
    mode: 'Pipeline';
    pipeline: PipelineStep[];
  };
}

/** The name the meshifi function is installed under, and function-auto-ready's. */
export const FUNCTION_NAMES = {
  meshifi: 'function-meshifi',
  autoReady: 'function-auto-ready',
} as const;

/**
 * The platform settings the package ships in the DataProduct Composition's
 * function input: products of no domain go to this project. A platform
 * changes them in its installed Composition (or an EnvironmentConfig).
 */
export const PACKAGED_PLATFORM: PlatformConfig = {
  project: 'meshifi-platform',
  location: 'EU',
  providerConfig: { kind: 'ClusterProviderConfig', name: 'default' },
};

/**
 * The rules for grants the package ships in the DataAccess Composition's
 * function input, the model's defaults written out so that a platform sees
 * what to change: only the curated layer is shared, for at most 365 days.
 */
export const PACKAGED_ACCESS: Pick<
  PlatformConfig,
  'access' | 'providerConfig'
> = {
  access: {
    shareableLayers: [...DEFAULT_ACCESS_POLICY.shareableLayers],
    maxDays: DEFAULT_ACCESS_POLICY.maxDays,
  },
  providerConfig: PACKAGED_PLATFORM.providerConfig,
};

// function-auto-ready marks a composed resource ready once the cluster says
// it is, so that the XR turns Ready when all of them are.
const detectReadyResources: PipelineStep = {
  step: 'detect-ready-resources',
  functionRef: { name: FUNCTION_NAMES.autoReady },
};

/**
 * A capability's step, after the core step: the same function, told by its
 * input which capability to compose, with the settings the package ships.
 */
export function capabilityStep(capability: Capability): PipelineStep {
  return {
    step: `capability-${capability.name}`,
    functionRef: { name: FUNCTION_NAMES.meshifi },
    input: {
      apiVersion: MESHIFI_API_VERSION,
      kind: 'Input',
      capability: capability.name,
      platform: {
        capabilities: { [capability.name]: capability.packagedSettings },
      },
    },
  };
}

function composition(
  name: string,
  label: string,
  kind: ComposedKind,
  ...steps: PipelineStep[]
): Composition {
  return {
    apiVersion: 'apiextensions.crossplane.io/v1',
    kind: 'Composition',
    metadata: { name, labels: { 'meshifi.io/composition': label } },
    spec: {
      compositeTypeRef: { apiVersion: MESHIFI_API_VERSION, kind },
      mode: 'Pipeline',
      pipeline: [...steps, detectReadyResources],
    },
  };
}

/**
 * The DataProduct Composition: the core step, then one step per capability
 * (the registry's, or a test's), which the core step tells where the product
 * lives through the pipeline context, then readiness.
 */
export function dataProductComposition(
  capabilities: readonly Capability[] = CAPABILITIES,
): Composition {
  return composition(
    'dataproducts.meshifi.io',
    'data-product',
    'DataProduct',
    {
      step: 'compose-data-product',
      functionRef: { name: FUNCTION_NAMES.meshifi },
      input: {
        apiVersion: MESHIFI_API_VERSION,
        kind: 'Input',
        platform: PACKAGED_PLATFORM,
      },
    },
    ...capabilities.map(capabilityStep),
  );
}

/**
 * The Compositions of the Crossplane package (crossplane/apis/*\/composition.yaml
 * are generated from these), so that the function's tests, `meshifi render`
 * and `meshifi plan` read the very pipeline and platform settings Crossplane runs.
 */
export const COMPOSITIONS: Record<ComposedKind, Composition> = {
  DataProduct: dataProductComposition(),
  DataDomain: composition(
    'datadomains.meshifi.io',
    'data-domain',
    'DataDomain',
    {
      step: 'compose-data-domain',
      functionRef: { name: FUNCTION_NAMES.meshifi },
    },
  ),
  DataAccess: composition(
    'dataaccesses.meshifi.io',
    'data-access',
    'DataAccess',
    {
      step: 'compose-data-access',
      functionRef: { name: FUNCTION_NAMES.meshifi },
      input: {
        apiVersion: MESHIFI_API_VERSION,
        kind: 'Input',
        platform: PACKAGED_ACCESS,
      },
    },
  ),
};
