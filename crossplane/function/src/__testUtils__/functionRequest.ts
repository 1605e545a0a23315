import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';

/** What a test gives the function besides the XR, as Crossplane would send it. */
export interface FunctionRequestOptions {
  /** The Composition's function input. */
  input: unknown;
  /** The objects Crossplane fetched, by requirement; [] for none found. */
  required?: Record<string, unknown[]>;
  /** An EnvironmentConfig's data, loaded earlier in the pipeline. */
  environment?: unknown;
  /** The composed resources Crossplane observed, by the Composition's key. */
  observed?: Record<string, unknown>;
  /**
   * What the previous steps of the pipeline passed on: their pipeline
   * context (beside the environment) and their desired state.
   */
  previous?: {
    context?: Record<string, unknown>;
    desired?: RunFunctionRequest['desired'];
  };
}

/** A RunFunctionRequest for an observed XR, as Crossplane builds it. */
export function functionRequest(
  xr: unknown,
  options: FunctionRequestOptions,
): RunFunctionRequest {
  return RunFunctionRequest.fromPartial({
    observed: {
      composite: { resource: xr as any },
      resources: Object.fromEntries(
        Object.entries(options.observed ?? {}).map(([key, resource]) => [
          key,
          { resource: resource as any },
        ]),
      ),
    },
    desired: options.previous?.desired ?? { resources: {} },
    input: options.input as any,
    context:
      options.environment || options.previous?.context
        ? {
            ...options.previous?.context,
            ...(options.environment
              ? {
                  'apiextensions.crossplane.io/environment':
                    options.environment,
                }
              : {}),
          }
        : undefined,
    requiredResources: Object.fromEntries(
      Object.entries(options.required ?? {}).map(([key, items]) => [
        key,
        { items: items.map(resource => ({ resource: resource as any })) },
      ]),
    ),
  });
}
