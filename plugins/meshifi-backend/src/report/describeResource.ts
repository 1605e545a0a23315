import {
  ComposedResource,
  conditionOf,
  failingCondition,
  GCP_KINDS,
  isReady,
  KubernetesObject,
  LABELS,
  ProvisionedResource,
  ResourceDetails,
} from '@meshifi/common';

type Fields = Record<string, unknown>;

const EXTERNAL_NAME = 'crossplane.io/external-name';
const COMPOSITION_RESOURCE_NAME = 'crossplane.io/composition-resource-name';

const text = (value: unknown) =>
  typeof value === 'string' && value ? value : undefined;

/**
 * What a person needs to know of a managed resource, by kind. The provider's
 * observed values (status.atProvider) win over the requested ones
 * (spec.forProvider): they are what exists in Google Cloud.
 */
function detailsOf(object: KubernetesObject): ResourceDetails {
  const spec = (object.spec ?? {}) as { forProvider?: Fields };
  const status = (object.status ?? {}) as { atProvider?: Fields };
  const field = (name: string) =>
    text(status.atProvider?.[name]) ?? text(spec.forProvider?.[name]);
  const externalName = object.metadata.annotations?.[EXTERNAL_NAME];
  switch (object.kind) {
    case GCP_KINDS.dataset.kind:
      return {
        project: field('project'),
        datasetId: externalName,
        location: field('location'),
      };
    case GCP_KINDS.serviceAccount.kind:
      return { project: field('project'), email: field('email') };
    case GCP_KINDS.datasetIamMember.kind:
      return {
        project: field('project'),
        role: field('role'),
        member: field('member'),
        resource: field('datasetId'),
      };
    case GCP_KINDS.serviceAccountIamMember.kind:
      return {
        role: field('role'),
        member: field('member'),
        resource: field('serviceAccountId'),
      };
    case GCP_KINDS.projectIamMember.kind:
      return {
        project: field('project'),
        role: field('role'),
        member: field('member'),
        resource: field('project'),
      };
    default:
      return {};
  }
}

/**
 * A composed resource as the Provisioning card shows it; `expected` is what
 * compose() says it is for, when it matches.
 */
export function describeResource(
  object: KubernetesObject,
  expected?: ComposedResource,
): ProvisionedResource {
  const failing = failingCondition(object);
  const labels = object.metadata.labels ?? {};
  const annotations = object.metadata.annotations ?? {};
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name,
    key: annotations[COMPOSITION_RESOURCE_NAME],
    role: labels[LABELS.role] ?? expected?.role,
    layer: expected?.layer,
    externalName: annotations[EXTERNAL_NAME],
    ready: isReady(object),
    synced: conditionOf(object, 'Synced')?.status === 'True',
    problem: failing
      ? {
          reason: failing.reason,
          message: failing.message || failing.reason || failing.type,
        }
      : undefined,
    details: detailsOf(object),
    summary: expected?.summary,
  };
}
