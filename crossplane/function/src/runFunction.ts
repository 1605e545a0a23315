import {
  ComposeFunction,
  fatal,
  getContextKey,
  getInput,
  getObservedCompositeResource,
  getRequiredResource,
  normal,
  requireResource,
  setDesiredResources,
  setDesiredCompositeStatus,
} from '@crossplane-org/function-sdk-typescript';
import { DataDomain, DataProduct } from '@meshifi/common';
import { composeDataDomain } from './composeDataDomain';
import { composeDataProduct, domainSelector } from './composeDataProduct';
import {
  ENVIRONMENT_CONTEXT_KEY,
  FunctionInput,
  platformConfigFrom,
} from './platformConfig';

const DOMAIN_REQUIREMENT = 'domain';

/** The domain Crossplane fetched for the product: undefined until it has been asked for. */
function requiredDomain(
  req: Parameters<ComposeFunction>[0],
): DataDomain | null | undefined {
  const [found, asked] = getRequiredResource(req, DOMAIN_REQUIREMENT);
  if (!asked) {
    return undefined;
  }
  const object = found[0]?.resource as unknown as DataDomain | undefined;
  return object ?? null;
}

/**
 * The meshifi composition function: composes a DataProduct into its GCP
 * managed resources and a DataDomain into its namespace. Any problem ends in
 * a fatal result with a message for people, and no desired resources.
 */
export const runFunction: ComposeFunction = (req, rsp, logger) => {
  const xr = getObservedCompositeResource(req)?.resource as unknown as
    | DataProduct
    | DataDomain
    | undefined;
  try {
    if (xr?.kind === 'DataDomain') {
      setDesiredResources(rsp, composeDataDomain(xr as DataDomain));
      normal(rsp, `Composed the namespace of the domain ${xr.metadata.name}.`);
      return rsp;
    }
    if (xr?.kind !== 'DataProduct') {
      throw new Error(
        `This function composes DataProducts and DataDomains, not ${
          xr?.kind ?? 'nothing'
        }.`,
      );
    }
    const product = xr as DataProduct;
    const [environment] = getContextKey(req, ENVIRONMENT_CONTEXT_KEY);
    const platform = platformConfigFrom(
      getInput(req) as FunctionInput | undefined,
      environment,
    );
    let domain: DataDomain | null | undefined;
    if (product.spec?.domain) {
      requireResource(rsp, DOMAIN_REQUIREMENT, domainSelector(product));
      domain = requiredDomain(req);
      if (domain === undefined) {
        // Crossplane runs the function again with the domain.
        return rsp;
      }
    }
    const result = composeDataProduct({ product, platform, domain });
    setDesiredResources(rsp, result.resources);
    setDesiredCompositeStatus({ rsp, status: result.status });
    normal(
      rsp,
      `Composed ${
        Object.keys(result.resources).length
      } resources for the data product ${product.metadata.name}.`,
    );
    return rsp;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger?.info({ xr: xr?.metadata?.name, message }, 'cannot compose');
    // Fatal: Crossplane keeps what exists and applies nothing new.
    rsp.desired = { composite: undefined, resources: {} };
    return fatal(rsp, message);
  }
};
