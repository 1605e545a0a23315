import {
  composeDataAccess,
  DataAccessComposition,
  DataAccess,
  DataProduct,
  KINDS,
  apiVersionOf,
  NO_DOMAIN_NAMESPACE,
  PlatformConfig,
  AccessPolicy,
} from '@meshifi/common';

/**
 * The selector with which the function asks Crossplane for a grant's
 * product: by name in the grant's own namespace only, so a grant can never
 * reach a product of another domain, whatever its spec says.
 */
export function grantedProductSelector(grant: DataAccess) {
  return {
    apiVersion: apiVersionOf(KINDS.dataProduct),
    kind: KINDS.dataProduct.kind,
    matchName: grant.spec?.product,
    namespace: grant.metadata?.namespace ?? NO_DOMAIN_NAMESPACE,
  };
}

/** What the function needs from the pipeline to compose a grant. */
export interface DataAccessXrRequest {
  grant: DataAccess;
  /** The product Crossplane found for the selector; null when there is none. */
  product: DataProduct | null;
  policy: AccessPolicy;
  providerConfig?: PlatformConfig['providerConfig'];
  now: Date;
}

/** What the function answers: the composed resources by key and the XR's status. */
export interface DataAccessXrResult {
  ended: boolean;
  resources: Record<string, Record<string, unknown>>;
  status: Record<string, unknown>;
  summary: string;
}

/**
 * Composes a DataAccess with the model's composeDataAccess. Throws, with a
 * message for the requester, when the grant is refused: the function then
 * returns a fatal result and composes nothing.
 */
export function composeDataAccessXr(
  request: DataAccessXrRequest,
): DataAccessXrResult {
  const composed: DataAccessComposition = composeDataAccess(request);
  return {
    ended: composed.ended,
    resources: Object.fromEntries(
      composed.resources.map(c => [
        c.key,
        c.resource as unknown as Record<string, unknown>,
      ]),
    ),
    status: composed.status as Record<string, unknown>,
    summary: composed.summary,
  };
}
