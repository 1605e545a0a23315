import { describeIamMember } from '../model/owners';
import { ResourceRole } from '../compose/gcpKinds';

/** What is known of a composed resource, enough to say what it is for. */
export interface PurposeSubject {
  /** Its `meshifi.io/role`. */
  role?: ResourceRole | string;
  /** Its medallion layer, for datasets and their writers. */
  layer?: string;
  kind: string;
  /** The IAM member it grants to, e.g. user:ana@example.com. */
  member?: string;
  /** Its name in Google Cloud: for a table, the table id (its output port's name). */
  externalName?: string;
}

/**
 * What a product's resource is for, in the analyst's words ("the raw
 * dataset", "ana@example.com's right to act as the service account"), for
 * sentences about it; the composition's step names mean nothing to them.
 */
export function resourcePurpose(subject: PurposeSubject): string {
  const layer = subject.layer ? `${subject.layer} ` : '';
  switch (subject.role) {
    case 'dataset':
      return `the ${layer}dataset`;
    case 'dataset-writer':
      return `the service account's right to write to the ${layer}dataset`;
    case 'service-account':
      return 'the service account';
    case 'job-user':
      return "the service account's right to run BigQuery queries";
    case 'owner-impersonation':
      return `${
        subject.member ? `${describeIamMember(subject.member)}'s` : "an owner's"
      } right to act as the service account`;
    case 'dataset-reader':
      return `${
        subject.member
          ? `${describeIamMember(subject.member)}'s`
          : "a consumer's"
      } right to read the ${layer}dataset`;
    case 'table':
      return subject.externalName
        ? `the table of the output port ${subject.externalName}`
        : "an output port's table";
    default:
      return `the ${subject.kind}`;
  }
}
