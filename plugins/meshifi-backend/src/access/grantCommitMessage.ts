import { AccessRequest } from '@meshifi/common';

/**
 * The commit message of an approved grant, for whoever reads the GitOps
 * repository's history: what access, for whom, why, who asked and who
 * approved. A purpose is one paragraph: its line breaks are folded, so it
 * cannot forge a trailer.
 */
export function grantCommitMessage(
  request: AccessRequest,
  /** Who approved; none yet for a grant proposed for review. */
  approver?: string,
): string {
  const consumer = request.consumer.entityRef ?? request.consumer.email;
  const purpose = request.purpose.replace(/\s+/g, ' ').trim();
  return [
    `Grant ${consumer} ${request.level} access to the ${request.layer} layer of ${request.xr.name} until ${request.expires}`,
    '',
    `Purpose: ${purpose}`,
    '',
    `Requested by ${request.requestedBy} on ${request.requestedAt.slice(
      0,
      10,
    )}.`,
    approver
      ? `Approved by ${approver} (meshifi access request ${request.id}).`
      : "The product's owners approve it by merging this change.",
    '',
  ].join('\n');
}
