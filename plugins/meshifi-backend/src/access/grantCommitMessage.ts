import { AccessRequest } from '@meshifi/common';

/**
 * The commit message of an approved grant, for whoever reads the GitOps
 * repository's history: what access, for whom, why, who asked and who
 * approved. A purpose is one paragraph: its line breaks are folded, so it
 * cannot forge a trailer.
 */
export function grantCommitMessage(
  request: AccessRequest,
  approver: string,
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
    `Approved by ${approver} (meshifi access request ${request.id}).`,
    '',
  ].join('\n');
}
