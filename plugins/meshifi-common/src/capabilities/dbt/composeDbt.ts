import type { ComposedResource } from '../../compose/compose';
import { GCP_KINDS } from '../../compose/gcpKinds';
import type { CapabilityComposeInput, ProductContext } from '../Capability';
import { dbtCronJob } from './dbtCronJob';
import { dbtObjectName, dbtWorkloadIdentityName } from './dbtNames';
import { DbtSpec } from './dbtSchema';
import { DbtSettings } from './dbtSettings';
import { describeSchedule } from './cronSchedule';
import { DEFAULT_DBT_COMMAND } from './dbtCommand';
import { DEFAULT_DBT_SCHEDULE } from './cronSchedule';
import { dbtProfilesYml } from './profilesYml';

/** The role that lets a Kubernetes service account act as a GCP one. */
export const WORKLOAD_IDENTITY_USER = 'roles/iam.workloadIdentityUser';

/** The annotation by which GKE gives a Kubernetes service account a GCP one. */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';

/** The keys of what dbt composes, in the product's XR. */
export const DBT_RESOURCE_KEYS = {
  serviceAccount: 'dbt-service-account',
  workloadIdentity: 'dbt-workload-identity',
  profiles: 'dbt-profiles',
  schedule: 'dbt-schedule',
} as const;

/** The IAM member of Workload Identity: the ServiceAccount in its namespace. */
export function workloadIdentityMember(
  context: ProductContext,
  settings: Pick<DbtSettings, 'workloadIdentityPool'>,
): string {
  return `serviceAccount:${settings.workloadIdentityPool}[${
    context.namespace
  }/${dbtObjectName(context.product)}]`;
}

/**
 * What a product's dbt project needs, in its namespace (Crossplane composes
 * a namespaced XR's resources in its namespace): a ServiceAccount that GKE
 * lets act as the product's GCP service account, the IAM member that allows
 * it, the profiles.yml, and the CronJob that runs the project.
 */
export function composeDbt({
  spec,
  context,
  settings,
}: CapabilityComposeInput<DbtSpec, DbtSettings>): ComposedResource[] {
  const name = dbtObjectName(context.product);
  const member = workloadIdentityMember(context, settings);
  return [
    {
      key: DBT_RESOURCE_KEYS.serviceAccount,
      role: 'capability',
      readiness: 'exists',
      summary: `Kubernetes service account ${name}, which runs the dbt project as ${context.serviceAccountEmail}`,
      resource: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name,
          annotations: {
            [GKE_SERVICE_ACCOUNT_ANNOTATION]: context.serviceAccountEmail,
          },
        },
      },
    },
    {
      key: DBT_RESOURCE_KEYS.workloadIdentity,
      role: 'capability',
      summary: `${name} may act as ${context.serviceAccountEmail} (Workload Identity)`,
      resource: {
        ...GCP_KINDS.serviceAccountIamMember,
        metadata: { name: dbtWorkloadIdentityName(context.product) },
        spec: {
          forProvider: {
            serviceAccountId: context.serviceAccountId,
            role: WORKLOAD_IDENTITY_USER,
            member,
          },
          providerConfigRef: { ...context.providerConfigRef },
        },
      },
    },
    {
      key: DBT_RESOURCE_KEYS.profiles,
      role: 'capability',
      readiness: 'exists',
      summary: `dbt profiles of ${context.product}: project ${context.project}, dataset ${context.datasets.cleaned}`,
      resource: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name },
        data: { 'profiles.yml': dbtProfilesYml(context) },
      } as ComposedResource['resource'],
    },
    {
      key: DBT_RESOURCE_KEYS.schedule,
      role: 'capability',
      readiness: 'exists',
      summary: `${spec.command ?? DEFAULT_DBT_COMMAND} of ${
        spec.repository
      } ${describeSchedule(
        spec.schedule ?? DEFAULT_DBT_SCHEDULE,
        settings.timeZone,
      )}`,
      resource: dbtCronJob(spec, context, settings),
    },
  ];
}
