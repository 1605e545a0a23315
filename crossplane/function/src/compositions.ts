import { MESHIFI_API_VERSION, PlatformConfig } from '@meshifi/common';
import { FunctionInput } from './platformConfig';

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

// function-auto-ready marks a composed resource ready once the cluster says
// it is, so that the XR turns Ready when all of them are.
const detectReadyResources: PipelineStep = {
  step: 'detect-ready-resources',
  functionRef: { name: FUNCTION_NAMES.autoReady },
};

function composition(
  name: string,
  label: string,
  kind: 'DataProduct' | 'DataDomain',
  compose: PipelineStep,
): Composition {
  return {
    apiVersion: 'apiextensions.crossplane.io/v1',
    kind: 'Composition',
    metadata: { name, labels: { 'meshifi.io/composition': label } },
    spec: {
      compositeTypeRef: { apiVersion: MESHIFI_API_VERSION, kind },
      mode: 'Pipeline',
      pipeline: [compose, detectReadyResources],
    },
  };
}

/**
 * The Compositions of the Crossplane package (crossplane/apis/*\/composition.yaml
 * are generated from these), so that the function's tests, `meshifi render`
 * and `meshifi plan` read the very pipeline and platform settings Crossplane runs.
 */
export const COMPOSITIONS: Record<'DataProduct' | 'DataDomain', Composition> = {
  DataProduct: composition(
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
  ),
  DataDomain: composition(
    'datadomains.meshifi.io',
    'data-domain',
    'DataDomain',
    {
      step: 'compose-data-domain',
      functionRef: { name: FUNCTION_NAMES.meshifi },
    },
  ),
};
