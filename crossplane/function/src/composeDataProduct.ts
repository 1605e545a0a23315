import {
  compose,
  ComposedResource,
  CROSSPLANE_ANNOTATIONS,
  DataDomain,
  DataProduct,
  KubernetesObject,
  LABELS,
  MESHIFI_API_VERSION,
  placementOf,
  serviceAccountEmail,
  serviceAccountId,
  datasetId,
  MEDALLION_LAYERS,
  PlatformConfig,
} from '@meshifi/common';
import {
  acceptedContractOf,
  assertContractChangeAllowed,
} from './acceptedContract';
import { assertInputsReadable } from './inputPortProblems';
import { tablesAfterDataset } from './tablesAfterDataset';
import { namespaceBelongsTo } from './tenancy';

/** What the function needs from the pipeline to compose a product. */
export interface DataProductRequest {
  product: DataProduct;
  platform: PlatformConfig;
  /**
   * The domain of the product's namespace: undefined when the product
   * belongs to no domain, null when the domain does not exist.
   */
  domain: DataDomain | null | undefined;
  /** The product's namespace as Crossplane found it: needed with a domain, null when not found. */
  namespace?: KubernetesObject | null;
  /** The resources composed before, as Crossplane observed them, by key. */
  observed?: Record<string, KubernetesObject>;
  /**
   * The products the input ports lead to, as Crossplane found them
   * (requireInputProducts): undefined until Crossplane has answered, and
   * then the input rules wait for the call that has them.
   */
  inputProducts?: DataProduct[];
}

/** What the function answers: the composed resources and the XR's status. */
export interface DataProductResult {
  /** The managed resources (GCP) of the product. */
  resources: Record<string, Record<string, unknown>>;
  /**
   * Usages (protection.crossplane.io) that keep the product's domain and its
   * namespace from being deleted while the product exists. They provide
   * nothing the product's users wait for, so the function marks them ready.
   */
  protections: Record<string, Record<string, unknown>>;
  status: Record<string, unknown>;
  /** The output ports whose table waits for the curated dataset to exist. */
  waitingPorts: string[];
}

/** The Crossplane API of Usages, which block the deletion of a resource in use. */
export const USAGE_API_VERSION = 'protection.crossplane.io/v1beta1';

/** The selector with which the function asks Crossplane for a domain. */
export function domainSelector(domain: string) {
  return {
    apiVersion: MESHIFI_API_VERSION,
    kind: 'DataDomain',
    matchName: domain,
  };
}

/**
 * A Usage, in the product's namespace, of a cluster-scoped resource `of`,
 * by the product's service account.
 *
 * Why `resourceRef.namespace: ""`: a namespaced Usage looks for `of` in its
 * own namespace unless told otherwise, and Crossplane's deletion webhook finds
 * the Usages of a cluster-scoped resource under the namespace "" only. An
 * explicit empty namespace makes both agree; Crossplane allows a namespace in
 * `of` when the Usage has `by`.
 *
 * Why `by` is the service account and not the product: Crossplane keeps a
 * composed Usage until its `by` resource is gone. The product waits for its
 * composed resources when deleted in the foreground (as Argo CD prunes), so a
 * Usage by the product would wait for the product and the product for it.
 * The service account is deleted with the product, and then the Usage lets go.
 */
function usageOf(
  product: string,
  domain: string,
  suffix: string,
  of: { apiVersion: string; kind: string; name: string },
  by: KubernetesObject,
): Record<string, unknown> {
  return {
    apiVersion: USAGE_API_VERSION,
    kind: 'Usage',
    metadata: {
      name: `${product}-uses-${suffix}`,
      labels: { [LABELS.dataProduct]: product, [LABELS.domain]: domain },
    },
    spec: {
      of: {
        apiVersion: of.apiVersion,
        kind: of.kind,
        resourceRef: { name: of.name, namespace: '' },
      },
      by: {
        apiVersion: by.apiVersion,
        kind: by.kind,
        resourceRef: { name: by.metadata.name },
      },
      reason: `The data product ${product} lives in the domain ${domain}: delete the product first.`,
    },
  };
}

/** The Usages that keep a product's domain and its namespace while the product exists. */
function protectionsOf(
  product: DataProduct,
  domain: string,
  composed: ComposedResource[],
): Record<string, Record<string, unknown>> {
  const account = composed.find(c => c.role === 'service-account')!.resource;
  const name = product.metadata.name;
  return {
    'usage-domain': usageOf(
      name,
      domain,
      'domain',
      { apiVersion: MESHIFI_API_VERSION, kind: 'DataDomain', name: domain },
      account,
    ),
    'usage-namespace': usageOf(
      name,
      domain,
      'namespace',
      { apiVersion: 'v1', kind: 'Namespace', name: domain },
      account,
    ),
  };
}

/**
 * Composes a DataProduct with the model's compose(). Throws, with a message
 * for the product's owners, when the product or its domain is not usable,
 * when a change of its output ports breaks the version rule, or when an
 * input port cannot be read (a product or table missing, a retired
 * product, a loop): the
 * function then returns a fatal result and no resources at all, and
 * Crossplane leaves what exists as it is. Records the version and ports it
 * composed in the status, for the next change's version rule.
 */
export function composeDataProduct({
  product,
  platform,
  domain,
  namespace,
  observed = {},
  inputProducts,
}: DataProductRequest): DataProductResult {
  if (domain === null) {
    throw new Error(
      `The domain "${product.spec.domain}" does not exist: create the DataDomain first, or pick an existing domain.`,
    );
  }
  if (domain) {
    const domainName = domain.metadata.name;
    if (!namespace || !namespaceBelongsTo(domainName, namespace)) {
      throw new Error(
        `The namespace "${domainName}" is not the one the domain "${domainName}" composed, so no product is built in it: see the status of the DataDomain "${domainName}".`,
      );
    }
  }
  const all = compose(product, platform, domain);
  // After compose(): an invalid product is refused for what is wrong with
  // it, before its change is compared with the last one composed.
  assertContractChangeAllowed(product);
  if (inputProducts) {
    assertInputsReadable(product, inputProducts);
  }
  const { composed, waiting } = tablesAfterDataset(all, observed);
  const { project, location } = placementOf(product, platform, domain);
  const resources = Object.fromEntries(
    composed.map(c => [
      c.key,
      c.resource as unknown as Record<string, unknown>,
    ]),
  );
  const name = product.spec.info.name;
  return {
    resources,
    protections: domain
      ? protectionsOf(product, domain.metadata.name, composed)
      : {},
    waitingPorts: waiting.map(
      c =>
        c.resource.metadata.annotations![CROSSPLANE_ANNOTATIONS.externalName],
    ),
    status: {
      project,
      serviceAccountEmail: serviceAccountEmail(serviceAccountId(name), project),
      datasets: MEDALLION_LAYERS.map(layer => ({
        layer,
        datasetId: datasetId(name, layer),
        location,
      })),
      ...acceptedContractOf(product),
    },
  };
}
