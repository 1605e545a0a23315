import {
  ComposeFunction,
  fatal,
  getContextKey,
  getInput,
  getObservedComposedResources,
  getObservedCompositeResource,
  getRequiredResource,
  normal,
  Ready,
  warning,
  requireResource,
  Resource,
  setContextKey,
  setDesiredComposedResources,
  setDesiredResources,
  setDesiredCompositeStatus,
} from '@crossplane-org/function-sdk-typescript';
import {
  Capability,
  CAPABILITIES,
  DataAccess,
  DataDomain,
  DataProduct,
  KubernetesObject,
  PRODUCT_CONTEXT_KEY,
  productContextOf,
  validateDataAccess,
  ValidationError,
} from '@meshifi/common';
import {
  composeDataAccessXr,
  grantedProductSelector,
} from './composeDataAccess';
import { composeDataDomain, validDataDomain } from './composeDataDomain';
import { composeDataProduct, domainSelector } from './composeDataProduct';
import {
  chooseProductsSource,
  composeDomainProductsApplier,
  fluxSourceCrdSelector,
  FluxGitRepository,
  productsSourceSelector,
} from './domainProductsApplier';
import {
  accessPolicyFrom,
  ENVIRONMENT_CONTEXT_KEY,
  FunctionInput,
  platformConfigFrom,
  providerConfigFrom,
} from './platformConfig';
import { requireInputProducts } from './inputPortRequirements';
import { runCapability } from './runCapability';
import { domainOfProduct, namespaceSelector } from './tenancy';

const DOMAIN_REQUIREMENT = 'domain';
const NAMESPACE_REQUIREMENT = 'namespace';
const FLUX_SOURCE_CRD_REQUIREMENT = 'flux-source-crd';
const PRODUCTS_SOURCE_REQUIREMENT = 'products-source';
const GRANTED_PRODUCT_REQUIREMENT = 'product';

/**
 * The object Crossplane fetched for a requirement: undefined until it has
 * been asked for, null when it does not exist.
 */
function required<T extends KubernetesObject>(
  req: Parameters<ComposeFunction>[0],
  requirement: string,
): T | null | undefined {
  const [found, asked] = getRequiredResource(req, requirement);
  if (!asked) {
    return undefined;
  }
  const object = found[0]?.resource as unknown as T | undefined;
  return object ?? null;
}

/** Every object Crossplane fetched for a label requirement: undefined until asked. */
function requiredAll<T extends KubernetesObject>(
  req: Parameters<ComposeFunction>[0],
  requirement: string,
): T[] | undefined {
  const [found, asked] = getRequiredResource(req, requirement);
  return asked ? found.map(item => item.resource as unknown as T) : undefined;
}

/**
 * The Flux source marked for products, asked for only where Flux's API
 * exists (Crossplane cannot list a kind the cluster does not know): null
 * when there is none, undefined until Crossplane has answered.
 */
function productsSourceOf(
  req: Parameters<ComposeFunction>[0],
  rsp: Parameters<ComposeFunction>[1],
): { source: FluxGitRepository | null; problem?: string } | undefined {
  requireResource(rsp, FLUX_SOURCE_CRD_REQUIREMENT, fluxSourceCrdSelector());
  const crd = required(req, FLUX_SOURCE_CRD_REQUIREMENT);
  if (crd === undefined) {
    return undefined;
  }
  if (crd === null) {
    return { source: null };
  }
  requireResource(rsp, PRODUCTS_SOURCE_REQUIREMENT, productsSourceSelector());
  const sources = requiredAll<FluxGitRepository>(
    req,
    PRODUCTS_SOURCE_REQUIREMENT,
  );
  if (sources === undefined) {
    return undefined;
  }
  const chosen = chooseProductsSource(sources);
  return { source: chosen.source ?? null, problem: chosen.problem };
}

/**
 * Resources the XR's readiness does not wait for: a Usage has no Ready
 * condition, and a domain is ready whether or not its product files apply
 * (their state is on each product's page).
 */
function readyAsComposed(resources: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(
    Object.entries(resources).map(([key, resource]) => [
      key,
      Resource.fromJSON({ resource, ready: Ready.READY_TRUE }),
    ]),
  );
}

/**
 * Composes a DataAccess: asks Crossplane for its product in the grant's own
 * namespace, then composes the grant's DatasetIAMMember, or nothing once the
 * grant has ended (Crossplane then deletes the member it composed).
 */
function runDataAccess(
  grant: DataAccess,
  req: Parameters<ComposeFunction>[0],
  rsp: Parameters<ComposeFunction>[1],
  now: Date,
) {
  // An invalid grant is refused before anything is looked up.
  const validated = validateDataAccess(grant);
  if (!validated.ok) {
    throw new ValidationError(validated.problems);
  }
  const input = getInput(req) as FunctionInput | undefined;
  const [environment] = getContextKey(req, ENVIRONMENT_CONTEXT_KEY);
  const policy = accessPolicyFrom(input, environment);
  const providerConfig = providerConfigFrom(input, environment);
  requireResource(
    rsp,
    GRANTED_PRODUCT_REQUIREMENT,
    grantedProductSelector(grant),
  );
  const product = required<DataProduct>(req, GRANTED_PRODUCT_REQUIREMENT);
  if (product === undefined) {
    // Crossplane runs the function again with the product, if it exists.
    return rsp;
  }
  const result = composeDataAccessXr({
    grant,
    product,
    policy,
    providerConfig,
    now,
  });
  setDesiredResources(rsp, result.resources);
  setDesiredCompositeStatus({ rsp, status: result.status });
  if (result.ended) {
    warning(rsp, result.summary);
  } else {
    normal(rsp, result.summary);
  }
  return rsp;
}

/**
 * Composes a DataDomain: its namespace, once Crossplane has said whether one
 * of that name exists, and, where Flux runs, the source and Kustomization
 * that apply its products.
 */
function runDataDomain(
  xr: DataDomain,
  req: Parameters<ComposeFunction>[0],
  rsp: Parameters<ComposeFunction>[1],
) {
  // Reserved names are refused before anything is looked up.
  const domain = validDataDomain(xr);
  requireResource(
    rsp,
    NAMESPACE_REQUIREMENT,
    namespaceSelector(domain.metadata.name),
  );
  const existing = required(req, NAMESPACE_REQUIREMENT);
  const flux = productsSourceOf(req, rsp);
  if (existing === undefined || flux === undefined) {
    // Crossplane runs the function again with what it found, if anything.
    return rsp;
  }
  setDesiredResources(rsp, composeDataDomain(domain, existing));
  if (flux.problem) {
    warning(rsp, flux.problem);
  }
  // Once the namespace is there, so nothing is applied before it.
  if (flux.source && existing) {
    setDesiredComposedResources(
      rsp,
      readyAsComposed(
        composeDomainProductsApplier(domain.metadata.name, flux.source),
      ),
    );
    normal(
      rsp,
      `Composed the namespace of the domain ${xr.metadata.name}, and the Flux source and Kustomization that apply its products.`,
    );
    return rsp;
  }
  normal(rsp, `Composed the namespace of the domain ${xr.metadata.name}.`);
  return rsp;
}

/**
 * Composes a DataProduct: its GCP managed resources in its domain's project
 * (or the platform's), once Crossplane has given the domain and namespace of
 * the product's own namespace, and the Usages that keep them.
 */
function runDataProduct(
  product: DataProduct,
  req: Parameters<ComposeFunction>[0],
  rsp: Parameters<ComposeFunction>[1],
) {
  const [environment] = getContextKey(req, ENVIRONMENT_CONTEXT_KEY);
  const platform = platformConfigFrom(
    getInput(req) as FunctionInput | undefined,
    environment,
  );
  // The domain is the one of the XR's own namespace, never spec.domain.
  const domainName = domainOfProduct(product);
  // Asked for with the domain, so that both come in the same calls.
  const inputProducts = requireInputProducts(product, req, rsp);
  let domain: DataDomain | null | undefined;
  let namespace: KubernetesObject | null | undefined;
  if (domainName) {
    requireResource(rsp, DOMAIN_REQUIREMENT, domainSelector(domainName));
    requireResource(rsp, NAMESPACE_REQUIREMENT, namespaceSelector(domainName));
    domain = required<DataDomain>(req, DOMAIN_REQUIREMENT);
    namespace = required(req, NAMESPACE_REQUIREMENT);
    if (domain === undefined || namespace === undefined) {
      // Crossplane runs the function again with the domain and namespace.
      return rsp;
    }
  }
  const observed = Object.fromEntries(
    Object.entries(getObservedComposedResources(req)).map(([key, r]) => [
      key,
      r.resource as unknown as KubernetesObject,
    ]),
  );
  const result = composeDataProduct({
    product,
    platform,
    domain,
    namespace,
    observed,
    inputProducts,
  });
  setDesiredResources(rsp, result.resources);
  setDesiredComposedResources(rsp, readyAsComposed(result.protections));
  setDesiredCompositeStatus({ rsp, status: result.status });
  // For the capabilities' steps after this one: where the product lives.
  setContextKey(
    rsp,
    PRODUCT_CONTEXT_KEY,
    productContextOf(product, platform, domain ?? undefined),
  );
  if (result.waitingPorts.length > 0) {
    // Not ready while a table is still to come, though all that is composed
    // so far may be.
    rsp.desired!.composite!.ready = Ready.READY_FALSE;
    normal(
      rsp,
      `The tables of the output ports ${result.waitingPorts.join(
        ', ',
      )} are created once the curated dataset exists.`,
    );
  }
  normal(
    rsp,
    `Composed ${
      Object.keys(result.resources).length
    } resources for the data product ${product.metadata.name}${
      domainName
        ? `, and Usages that keep the domain ${domainName} while it exists`
        : ''
    }.`,
  );
  return rsp;
}

/**
 * The meshifi composition function: composes a DataProduct into its GCP
 * managed resources (and, in a capability's step, the capability's), a
 * DataDomain into its namespace and a DataAccess into its IAM member. Any
 * problem ends in a fatal result with a message for people, and no desired
 * resources. `clock` says what time it is, for grants' expiry, and
 * `capabilities` which capabilities it composes (the registry's): tests give
 * their own.
 *
 * Why fatal, and not a warning with less composed: on a fatal result
 * Crossplane applies nothing, so what exists stays as it is (a desired
 * state without a resource would delete it). And it is retried: Crossplane
 * marks the XR Synced=False and requeues it with a backoff of at most 30
 * seconds (v2.2), so a refusal that clears by itself, such as a reader
 * applied by Flux before the product it reads, ends in the product being
 * composed without anyone touching it.
 */
export function createRunFunction(
  clock: () => Date = () => new Date(),
  capabilities: readonly Capability[] = CAPABILITIES,
): ComposeFunction {
  return (req, rsp, logger) => {
    const xr = getObservedCompositeResource(req)?.resource as unknown as
      | DataProduct
      | DataDomain
      | DataAccess
      | undefined;
    try {
      switch (xr?.kind) {
        case 'DataAccess':
          return runDataAccess(xr as DataAccess, req, rsp, clock());
        case 'DataDomain':
          return runDataDomain(xr as DataDomain, req, rsp);
        case 'DataProduct': {
          const capability = (getInput(req) as FunctionInput | undefined)
            ?.capability;
          return capability
            ? runCapability(capability, req, rsp, capabilities)
            : runDataProduct(xr as DataProduct, req, rsp);
        }
        default:
          throw new Error(
            `This function composes DataProducts, DataDomains and DataAccesses, not ${
              (xr as { kind?: string } | undefined)?.kind ?? 'nothing'
            }.`,
          );
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger?.info({ xr: xr?.metadata?.name, message }, 'cannot compose');
      // Fatal: Crossplane keeps what exists and applies nothing new.
      rsp.desired = { composite: undefined, resources: {} };
      return fatal(rsp, message);
    }
  };
}

/** The meshifi composition function on the real clock. */
export const runFunction: ComposeFunction = createRunFunction();
