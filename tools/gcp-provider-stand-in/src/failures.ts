import { GCP_KINDS } from '@meshifi/common';
import { forProviderOf, ManagedResource } from './managedKinds';
import { namedFailureMessage } from './namedFailures';

/**
 * Put on a managed resource, makes the stand-in report that creating it
 * failed. The value is Google's error message, or the name of a failure the
 * stand-in knows (namedFailures.ts, e.g. "api-disabled"); empty or "true"
 * means a realistic permission error for the kind. Removing it lets the
 * resource become ready on the next pass.
 */
export const FAIL_ANNOTATION = 'stand-in.meshifi.io/fail';

interface FailureText {
  /** How Terraform introduces the error of a failed create. */
  summary(forProvider: Record<string, unknown>): string;
  /** A permission error Google returns for this kind. */
  defaultError(forProvider: Record<string, unknown>): string;
}

const failureTexts: Record<string, FailureText> = {
  [GCP_KINDS.dataset.kind]: {
    summary: () => 'Error creating Dataset',
    defaultError: ({ project }) =>
      `googleapi: Error 403: Access Denied: Project ${project}: User does not have bigquery.datasets.create permission in project ${project}., accessDenied`,
  },
  [GCP_KINDS.table.kind]: {
    summary: () => 'Error creating BigQuery table',
    defaultError: ({ project, datasetId }) =>
      `googleapi: Error 403: Access Denied: Dataset ${project}:${datasetId}: Permission bigquery.tables.create denied on dataset ${project}:${datasetId} (or it may not exist)., accessDenied`,
  },
  [GCP_KINDS.serviceAccount.kind]: {
    summary: () => 'Error creating service account',
    defaultError: () =>
      "googleapi: Error 403: Permission 'iam.serviceAccounts.create' denied on resource (or it may not exist)., forbidden",
  },
  [GCP_KINDS.datasetIamMember.kind]: {
    summary: ({ project, datasetId }) =>
      `Error applying IAM policy for Bigquery Dataset ${project}/${datasetId}`,
    defaultError: ({ project, datasetId }) =>
      `googleapi: Error 403: Access Denied: Dataset ${project}:${datasetId}: Permission bigquery.datasets.update denied on dataset ${project}:${datasetId} (or it may not exist)., accessDenied`,
  },
  [GCP_KINDS.projectIamMember.kind]: {
    summary: ({ project }) =>
      `Error applying IAM policy for project "${project}"`,
    defaultError: () =>
      'googleapi: Error 403: Policy update access denied., forbidden',
  },
  [GCP_KINDS.serviceAccountIamMember.kind]: {
    summary: ({ serviceAccountId }) =>
      `Error applying IAM policy for service account '${serviceAccountId}'`,
    defaultError: () =>
      "googleapi: Error 403: Permission 'iam.serviceAccounts.setIamPolicy' denied on resource (or it may not exist)., forbidden",
  },
};

/**
 * The error of a create failure requested with {@link FAIL_ANNOTATION}, as
 * Terraform words it (e.g. "Error creating Dataset: googleapi: Error 403:
 * …"), or undefined when none is requested.
 */
export function injectedFailure(
  kind: { kind: string },
  resource: ManagedResource,
): string | undefined {
  const value = resource.metadata?.annotations?.[FAIL_ANNOTATION];
  if (value === undefined) {
    return undefined;
  }
  const forProvider = forProviderOf(resource);
  const text = failureTexts[kind.kind];
  const requested = value.trim();
  const message =
    requested === '' || requested === 'true'
      ? text?.defaultError(forProvider) ?? 'googleapi: Error 403: forbidden'
      : namedFailureMessage(requested, forProvider) ?? requested;
  return text ? `${text.summary(forProvider)}: ${message}` : message;
}
