import { IAM_ROLES, iamMemberName, ProvisionedResource } from '@meshifi/common';

/** `user:ana@example.com` → ana@example.com; "?" when the binding names none. */
export function memberName(member: string | undefined): string {
  return member === undefined ? '?' : iamMemberName(member);
}

/** What an IAM binding lets its member do, in words, e.g. "may write to sales_raw". */
export function accessInWords(resource: ProvisionedResource): string {
  const { role, resource: target } = resource.details;
  switch (role) {
    case IAM_ROLES.datasetWriter:
      return `may write to the dataset ${target}`;
    case IAM_ROLES.jobUser:
      return `may run BigQuery queries in the project ${target}`;
    case IAM_ROLES.impersonation:
      return `may act as ${target?.split('/').pop()}`;
    default:
      return `has ${role ?? 'a role'} on ${target ?? 'a resource'}`;
  }
}
