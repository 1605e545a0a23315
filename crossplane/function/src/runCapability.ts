import {
  ComposeFunction,
  getContextKey,
  getInput,
  getObservedComposedResources,
  getObservedCompositeResource,
  normal,
  Ready,
  Resource,
  setDesiredComposedResources,
  setDesiredCompositeStatus,
} from '@crossplane-org/function-sdk-typescript';
import {
  Capability,
  CAPABILITIES,
  capabilityNamed,
  composeCapability,
  DataProduct,
  KubernetesObject,
  PRODUCT_CONTEXT_KEY,
  productContextFrom,
  ValidationError,
} from '@meshifi/common';
import type { ComposedResource } from '@meshifi/common';
import {
  capabilitySettingsFrom,
  ENVIRONMENT_CONTEXT_KEY,
  FunctionInput,
} from './platformConfig';

type Request = Parameters<ComposeFunction>[0];
type Response = Parameters<ComposeFunction>[1];

/**
 * A composed resource's readiness: kinds without a Ready condition
 * (`readiness: 'exists'`) are ready once Crossplane observed them; the
 * others are left to function-auto-ready, which reads their condition.
 */
function readinessOf(composed: ComposedResource, observed: boolean): Ready {
  if (composed.readiness !== 'exists') {
    return Ready.READY_UNSPECIFIED;
  }
  return observed ? Ready.READY_TRUE : Ready.READY_FALSE;
}

/**
 * A capability's step of the DataProduct pipeline: after the core step, it
 * adds the capability's resources to the desired ones and reports its status
 * under status.capabilities.<name>. It reads where the product lives from
 * the core step's pipeline context, never from the product again.
 *
 * Nothing is added when the product does not turn the capability on (then
 * Crossplane deletes what it composed before), or when the core step
 * composed nothing (it then said why). `capabilities` are those the
 * function has: the registry's, or a test's.
 */
export function runCapability(
  name: string,
  req: Request,
  rsp: Response,
  capabilities: readonly Capability[] = CAPABILITIES,
) {
  const capability = capabilityNamed(name, capabilities);
  if (!capability) {
    throw new Error(
      `The Composition runs a capability "${name}" that this function does not have: update the function, or remove the step from the Composition.`,
    );
  }
  const product = getObservedCompositeResource(req)
    ?.resource as unknown as DataProduct;
  const spec = product.spec.capabilities?.[name];
  const [rawContext] = getContextKey(req, PRODUCT_CONTEXT_KEY);
  const context = productContextFrom(rawContext);
  if (spec === undefined || !context) {
    return rsp;
  }
  const [environment] = getContextKey(req, ENVIRONMENT_CONTEXT_KEY);
  const settings = capability.settings(
    capabilitySettingsFrom(
      getInput(req) as FunctionInput | undefined,
      environment,
      name,
    ),
  );
  const problems = capability.problems({ spec, product, settings });
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const composed = composeCapability(capability, product, context, settings);
  const observedAll = getObservedComposedResources(req);
  const observed: Record<string, KubernetesObject> = {};
  for (const { key } of composed) {
    const found = observedAll[key]?.resource;
    if (found) {
      observed[key] = found as unknown as KubernetesObject;
    }
  }
  setDesiredComposedResources(
    rsp,
    Object.fromEntries(
      composed.map(c => [
        c.key,
        Resource.fromJSON({
          resource: c.resource as unknown as Record<string, unknown>,
          ready: readinessOf(c, observed[c.key] !== undefined),
        }),
      ]),
    ),
  );
  setDesiredCompositeStatus({
    rsp,
    status: {
      capabilities: {
        [name]: capability.status({ spec, context, settings, observed }),
      },
    },
  });
  normal(
    rsp,
    `Composed ${composed.length} resource${
      composed.length === 1 ? '' : 's'
    } of ${capability.title} for the data product ${product.metadata.name}.`,
  );
  return rsp;
}
