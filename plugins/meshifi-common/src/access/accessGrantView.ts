import { MedallionLayer } from '../constants';
import { DataAccess, KubernetesObject } from '../model/types';
import { conditionOf, failingCondition } from '../status/conditions';
import { accessEndsAt, expiryDayProblem, hasEnded } from './accessExpiry';
import { layerOf } from './accessPolicy';
import { AccessGrantState, AccessGrantView, AccessRequest } from './accessApi';

/** How close to its end a grant is said to be expiring. */
export const EXPIRING_WITHIN_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What one row of the Access card is made of. */
export interface AccessGrantSources {
  /** The product's catalog entity ref. */
  product: string;
  /** The request, when the grant was asked for through meshifi. */
  request?: AccessRequest;
  /** The DataAccess as the cluster has it, when it has it. */
  grant?: DataAccess;
  /** What the grant composed (its DatasetIAMMember), for the provider's failure. */
  composed?: KubernetesObject[];
  now: Date;
}

/**
 * A day given as YYYY-MM-DD in words for people, "31 March 2027", read in
 * UTC as a grant's last day is meant; the text itself when it is not a day.
 */
export function dayInWords(day: string): string {
  if (expiryDayProblem(day)) {
    return day;
  }
  const start = new Date(accessEndsAt(day).getTime() - DAY_MS);
  return start.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function failureOf(sources: AccessGrantSources): string | undefined {
  const { grant, composed = [] } = sources;
  // The composition function's refusal says what the platform's rules refuse.
  const refused = conditionOf(grant, 'Synced');
  if (refused?.status === 'False') {
    return refused.message ?? refused.reason;
  }
  for (const resource of composed) {
    const failing = failingCondition(resource);
    if (failing) {
      return failing.message ?? failing.reason;
    }
  }
  return undefined;
}

function stateOf(
  sources: AccessGrantSources,
  expires: string,
): { state: AccessGrantState; stateText: string; failure?: string } {
  const { request, grant, now } = sources;
  const until = dayInWords(expires);
  if (request?.decision === 'declined' && !grant) {
    return {
      state: 'declined',
      stateText: `Declined by ${request.decidedBy ?? "the product's owners"}`,
    };
  }
  if (
    (request?.decision === 'pending' || request?.decision === 'approving') &&
    !grant
  ) {
    return {
      state: 'awaiting-approval',
      stateText:
        request.decision === 'approving'
          ? 'Being approved'
          : "Awaiting approval by the product's owners",
    };
  }
  if (hasEnded(expires, now)) {
    return { state: 'ended', stateText: `Ended on ${until}` };
  }
  const failure = grant ? failureOf(sources) : undefined;
  if (failure) {
    return { state: 'failed', stateText: 'Could not be granted', failure };
  }
  if (!grant || conditionOf(grant, 'Ready')?.status !== 'True') {
    return {
      state: 'being-granted',
      stateText: 'Approved: the platform is granting it',
    };
  }
  const left = accessEndsAt(expires).getTime() - now.getTime();
  if (left <= EXPIRING_WITHIN_DAYS * DAY_MS) {
    return { state: 'expiring', stateText: `Expiring: ends after ${until}` };
  }
  return { state: 'active', stateText: `Active until ${until}` };
}

/**
 * One grant as the Access card shows it: the request's words and decision,
 * and what the cluster says of the DataAccess and its IAM member. A grant
 * written to the GitOps repository without a request (by the platform team)
 * shows from the cluster alone. Whether the caller may decide is the
 * backend's answer, added to this.
 */
export function accessGrantView(
  sources: AccessGrantSources,
): Omit<AccessGrantView, 'mayDecide'> {
  const { request, grant, product } = sources;
  const spec = grant?.spec;
  const expires = spec?.expires ?? request!.expires;
  const { state, stateText, failure } = stateOf(sources, expires);
  const layer: MedallionLayer = grant ? layerOf(grant) : request!.layer;
  return {
    grantName: grant?.metadata.name ?? request!.grantName,
    product,
    ...(request ? { requestId: request.id } : {}),
    consumer: spec?.consumer ?? request!.consumer,
    layer,
    level: spec?.level ?? request?.level ?? 'read',
    purpose: spec?.purpose ?? request!.purpose,
    expires,
    ...(request
      ? { requestedBy: request.requestedBy, requestedAt: request.requestedAt }
      : {}),
    ...(request?.decidedBy ? { decidedBy: request.decidedBy } : {}),
    ...sinceOf(request, grant),
    state,
    stateText,
    ...(failure ? { failure } : {}),
    ...(request?.reason ? { reason: request.reason } : {}),
  };
}

function sinceOf(request?: AccessRequest, grant?: DataAccess) {
  const since =
    request?.decision === 'approved'
      ? request.decidedAt
      : grant?.metadata.creationTimestamp;
  return since ? { since } : {};
}
