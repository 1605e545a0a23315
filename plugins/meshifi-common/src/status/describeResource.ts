import { ComposedResource } from '../compose/compose';
import { GCP_KINDS } from '../compose/gcpKinds';
import { LABELS } from '../constants';
import { CROSSPLANE_ANNOTATIONS } from '../model/crossplane';
import { KubernetesObject } from '../model/types';
import { conditionOf, failingCondition, isReady } from './conditions';
import {
  ProvisionedResource,
  ResourceDetails,
  ResourceProblem,
} from './provisioningReport';

type Fields = Record<string, unknown>;

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
  switch (object.kind) {
    case GCP_KINDS.dataset.kind:
      return {
        project: field('project'),
        datasetId:
          object.metadata.annotations?.[CROSSPLANE_ANNOTATIONS.externalName],
        location: field('location'),
      };
    case GCP_KINDS.serviceAccount.kind:
      return { project: field('project'), email: field('email') };
    case GCP_KINDS.table.kind: {
      const dataset = field('datasetId');
      const table =
        object.metadata.annotations?.[CROSSPLANE_ANNOTATIONS.externalName];
      return {
        project: field('project'),
        datasetId: dataset,
        resource: dataset && table ? `${dataset}.${table}` : undefined,
      };
    }
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
 * Why a resource is failing, in the provider's words, when a condition says
 * it is (see failingCondition): the message, else the reason, else the
 * condition's type, so that a failing resource always has something to show.
 */
function problemOf(object: KubernetesObject): ResourceProblem | undefined {
  const failing = failingCondition(object);
  return failing
    ? {
        reason: failing.reason,
        message: failing.message || failing.reason || failing.type,
      }
    : undefined;
}

/**
 * One composed resource as the cluster has it, described once for both the
 * product's state (deriveStatus) and the Provisioning card. `expected` is
 * what compose() says the resource is for, when it matches.
 */
export function describeResource(
  object: KubernetesObject,
  expected?: ComposedResource,
): ProvisionedResource {
  const labels = object.metadata.labels ?? {};
  const annotations = object.metadata.annotations ?? {};
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name,
    key: annotations[CROSSPLANE_ANNOTATIONS.compositionResourceName],
    role: labels[LABELS.role] ?? expected?.role,
    layer: expected?.layer,
    externalName: annotations[CROSSPLANE_ANNOTATIONS.externalName],
    ready: isReady(object),
    synced: conditionOf(object, 'Synced')?.status === 'True',
    problem: problemOf(object),
    details: detailsOf(object),
    summary: expected?.summary,
  };
}
