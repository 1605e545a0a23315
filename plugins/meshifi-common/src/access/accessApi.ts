import { AccessLevel, MedallionLayer } from '../constants';
import { AccessConsumer } from '../model/types';

/**
 * What someone asks for on the "Request access" template: a layer of a data
 * product for a consumer, why, and until which day. The product and the
 * consumer are catalog entity refs; the backend resolves them (a product's
 * namespace and domain, a user's or group's email, another product's
 * service account), so the requester never types an id.
 */
export interface AccessRequestInput {
  /** The product's catalog entity, e.g. dataproduct:default/customer-orders. */
  product: string;
  /**
   * Who gets access: a user or group (user:default/ana, group:default/finance)
   * or another data product, whose service account then reads
   * (dataproduct:default/revenue-daily).
   */
  consumer: string;
  /** `curated` when left out. */
  layer?: MedallionLayer;
  /** `read` when left out. */
  level?: AccessLevel;
  purpose: string;
  /** The last day of access, YYYY-MM-DD. */
  expires: string;
}

/**
 * Where a request stands with the product's owners. `approving` lasts while
 * the approval commits the grant: a second approval or a decline then waits
 * its turn and is refused.
 */
export type AccessRequestDecision =
  | 'pending'
  | 'approving'
  | 'approved'
  | 'declined';

/** A request for access as the backend keeps it. */
export interface AccessRequest {
  id: string;
  /** The product's catalog entity ref. */
  product: string;
  /** The product's composite resource: the grant's namespace and product name. */
  xr: { namespace: string; name: string };
  /** The DataAccess the request becomes when approved. */
  grantName: string;
  consumer: AccessConsumer;
  layer: MedallionLayer;
  level: AccessLevel;
  purpose: string;
  expires: string;
  /** The user who asked, e.g. user:default/ana. */
  requestedBy: string;
  /** RFC 3339. */
  requestedAt: string;
  decision: AccessRequestDecision;
  decidedBy?: string;
  decidedAt?: string;
  /** Why the owners declined, in their words. */
  reason?: string;
  /** The GitOps commit that added the grant. */
  commit?: string;
}

/**
 * A grant's state as the Access card shows it, from the request and from what
 * the cluster reports on the DataAccess.
 */
export type AccessGrantState =
  | 'awaiting-approval'
  | 'declined'
  | 'being-granted'
  | 'active'
  | 'expiring'
  | 'ended'
  | 'failed';

/** One row of a product's Access card, or of a consumer's page. */
export interface AccessGrantView {
  /** The DataAccess's name. */
  grantName: string;
  /** The product's catalog entity ref. */
  product: string;
  /** The request it came from, when it came through meshifi. */
  requestId?: string;
  consumer: AccessConsumer;
  layer: MedallionLayer;
  level: AccessLevel;
  purpose: string;
  /** The last day of access, YYYY-MM-DD. */
  expires: string;
  requestedBy?: string;
  requestedAt?: string;
  decidedBy?: string;
  /** When access was given (the approval, or the grant's creation), RFC 3339. */
  since?: string;
  state: AccessGrantState;
  /** The state in words, for people: "Active until 31 March 2027". */
  stateText: string;
  /** Why granting failed: the platform's or Google's words. */
  failure?: string;
  /** Why the owners declined. */
  reason?: string;
  /** Whether the caller may approve or decline it (a request awaiting approval). */
  mayDecide: boolean;
}

/** GET /products/:namespace/:name/access: the product's Access card. */
export interface ProductAccessReport {
  grants: AccessGrantView[];
  /** Whether the caller is one of the owners who decide on requests. */
  mayApprove: boolean;
}

/** GET /consumers/:kind/:namespace/:name/access: what a user or group may read. */
export interface ConsumerAccessReport {
  grants: AccessGrantView[];
}

/**
 * POST /access-requests/proposal: the grant a request would be, checked as
 * a request is but not kept, for platforms whose owners approve grants as
 * pull requests to the GitOps repository.
 */
export interface AccessProposal {
  grantName: string;
  /** Where the file goes in the GitOps repository. */
  path: string;
  /** The DataAccess manifest, YAML. */
  content: string;
  /** Who, what, why and who asked: the pull request's description. */
  description: string;
}

/** POST /access-requests/:id/decline. */
export interface AccessDeclineInput {
  reason: string;
}

/** The signals channel on which the backend says a product's access changed. */
export function accessSignalChannel(xr: {
  namespace: string;
  name: string;
}): string {
  return `meshifi:access:${xr.namespace}/${xr.name}`;
}
