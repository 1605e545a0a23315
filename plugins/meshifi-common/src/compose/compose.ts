import { InputError } from '@backstage/errors';
import {
  IAM_ROLES,
  LABELS,
  MEDALLION_LAYERS,
  MedallionLayer,
} from '../constants';
import { CROSSPLANE_ANNOTATIONS } from '../model/crossplane';
import {
  DataDomain,
  DataProduct,
  KubernetesObject,
  PlatformConfig,
} from '../model/types';
import { bigQueryTableSchema, hasPersonalData } from './tableSchema';
import { describeOwner, iamMemberOf } from '../model/owners';
import { datasetId } from '../naming/datasetId';
import { resourceNames } from '../naming/resourceName';
import {
  serviceAccountEmail,
  serviceAccountId,
} from '../naming/serviceAccountId';
import { ValidationError } from '../validation/Problem';
import { validateDataProduct } from '../validation/validateDataProduct';
import { GCP_KINDS, ResourceRole } from './gcpKinds';

/**
 * What Crossplane may do with an output port's table: everything but
 * delete it (Crossplane's management policies).
 */
export const TABLE_MANAGEMENT_POLICIES = [
  'Observe',
  'Create',
  'Update',
  'LateInitialize',
];

/** One managed resource a data product needs, and why, in plain words. */
export interface ComposedResource {
  /** Stable key of the resource within its product (the Composition's resource name). */
  key: string;
  role: ResourceRole;
  layer?: MedallionLayer;
  /** For IAM bindings of owners: whose. */
  owner?: string;
  /** What it gives the analyst, e.g. "BigQuery dataset sales_raw in EU". */
  summary: string;
  resource: KubernetesObject;
  /**
   * `exists`: ready once the cluster has it, for kinds that report no Ready
   * condition (a ConfigMap, a CronJob), which would otherwise keep the
   * product from ever being Ready.
   */
  readiness?: 'exists';
}

/** Where a product's resources go, decided by its domain and the platform. */
export interface Placement {
  project: string;
  location: string;
}

/** The project and location of a product's resources. */
export function placementOf(
  product: DataProduct,
  platform: PlatformConfig,
  domain?: DataDomain,
): Placement {
  if (
    product.spec.domain &&
    domain &&
    domain.metadata.name !== product.spec.domain
  ) {
    throw new InputError(
      `The product "${product.spec.info.name}" belongs to the domain "${product.spec.domain}", not "${domain.metadata.name}".`,
    );
  }
  return {
    project: domain?.spec.gcpProject ?? platform.project,
    location: product.spec.location ?? platform.location,
  };
}

/**
 * The managed resources a data product needs on GCP: three BigQuery datasets
 * (raw, cleaned, curated), a service account, write access for it on each
 * dataset, BigQuery job rights in the project, for each owner, the right
 * to impersonate the service account, and for each output port, its table
 * in the curated dataset, shaped by the port's contract.
 *
 * The Crossplane composition function and the Backstage previews both call
 * this, so the form shows exactly what will be created. Throws a
 * {@link ValidationError} for an invalid product: never a partial set.
 */
export function compose(
  product: DataProduct,
  platform: PlatformConfig,
  domain?: DataDomain,
): ComposedResource[] {
  const validated = validateDataProduct(product);
  if (!validated.ok) {
    throw new ValidationError(validated.problems);
  }
  const { info, access, outputPorts = [] } = validated.value.spec;
  const { project, location } = placementOf(validated.value, platform, domain);
  const providerConfigRef = platform.providerConfig ?? {
    kind: 'ClusterProviderConfig',
    name: 'default',
  };
  const name = info.name;
  const accountId = serviceAccountId(name);
  const accountEmail = serviceAccountEmail(accountId, project);
  const domainName = validated.value.spec.domain;

  const managed = (
    kind: { apiVersion: string; kind: string },
    resourceName: string,
    role: ResourceRole,
    forProvider: Record<string, unknown>,
    externalName?: string,
    spec: Record<string, unknown> = {},
  ): KubernetesObject => ({
    ...kind,
    metadata: {
      name: resourceName,
      labels: {
        [LABELS.dataProduct]: name,
        [LABELS.role]: role,
        ...(domainName ? { [LABELS.domain]: domainName } : {}),
      },
      ...(externalName
        ? {
            annotations: {
              [CROSSPLANE_ANNOTATIONS.externalName]: externalName,
            },
          }
        : {}),
    },
    spec: { forProvider, providerConfigRef, ...spec },
  });

  const datasets = MEDALLION_LAYERS.map((layer): ComposedResource => {
    const id = datasetId(name, layer);
    return {
      key: `dataset-${layer}`,
      role: 'dataset',
      layer,
      summary: `BigQuery dataset ${id} (${layer} layer) in ${location}, project ${project}`,
      resource: managed(
        GCP_KINDS.dataset,
        resourceNames.dataset(name, layer),
        'dataset',
        {
          project,
          location,
          friendlyName: `${info.title ?? name} (${layer})`,
          description: `The ${layer} layer of the data product ${name}.`,
          // A dataset that still holds tables is never deleted with its product.
          deleteContentsOnDestroy: false,
          labels: {
            'meshifi-data-product': name,
            'meshifi-layer': layer,
            ...(domainName ? { 'meshifi-domain': domainName } : {}),
          },
        },
        id,
      ),
    };
  });

  const serviceAccount: ComposedResource = {
    key: 'service-account',
    role: 'service-account',
    summary: `Service account ${accountEmail}, which writes to the datasets`,
    resource: managed(
      GCP_KINDS.serviceAccount,
      resourceNames.serviceAccount(name),
      'service-account',
      {
        project,
        displayName: `meshifi data product ${name}`.slice(0, 100),
        description: `Writes to the datasets of the data product ${name}.`,
      },
      accountId,
    ),
  };

  const writers = MEDALLION_LAYERS.map(
    (layer): ComposedResource => ({
      key: `dataset-writer-${layer}`,
      role: 'dataset-writer',
      layer,
      summary: `${accountEmail} may write to ${datasetId(name, layer)}`,
      resource: managed(
        GCP_KINDS.datasetIamMember,
        resourceNames.datasetWriter(name, layer),
        'dataset-writer',
        {
          project,
          datasetId: datasetId(name, layer),
          role: IAM_ROLES.datasetWriter,
          member: `serviceAccount:${accountEmail}`,
        },
      ),
    }),
  );

  const jobUser: ComposedResource = {
    key: 'job-user',
    role: 'job-user',
    summary: `${accountEmail} may run BigQuery queries in project ${project}`,
    resource: managed(
      GCP_KINDS.projectIamMember,
      resourceNames.jobUser(name),
      'job-user',
      {
        project,
        role: IAM_ROLES.jobUser,
        member: `serviceAccount:${accountEmail}`,
      },
    ),
  };

  const owners = access.owners.map((owner): ComposedResource => {
    const resourceName = resourceNames.ownerImpersonation(name, owner);
    return {
      key: resourceName.slice(name.length + 1),
      role: 'owner-impersonation',
      owner,
      summary: `${describeOwner(owner)} may act as ${accountEmail}`,
      resource: managed(
        GCP_KINDS.serviceAccountIamMember,
        resourceName,
        'owner-impersonation',
        {
          serviceAccountId: `projects/${project}/serviceAccounts/${accountEmail}`,
          role: IAM_ROLES.impersonation,
          member: iamMemberOf(owner),
        },
      ),
    };
  });

  const curated = datasetId(name, 'curated');
  const tables = outputPorts.map((port): ComposedResource => {
    const { columns, primaryKey } = port.contract;
    const table = managed(
      GCP_KINDS.table,
      resourceNames.table(name, port.name),
      'table',
      {
        project,
        // The dataset's id, not a reference to its managed resource: the
        // provider needs nothing more, and the composition function composes
        // a table only once the curated dataset exists (see
        // composeDataProduct in the function).
        datasetId: curated,
        friendlyName: `${port.name} (${info.title ?? name})`,
        description:
          port.description ??
          `The output port ${port.name} of the data product ${name}.`,
        labels: {
          'meshifi-data-product': name,
          'meshifi-layer': 'curated',
          'meshifi-output-port': port.name,
          ...(domainName ? { 'meshifi-domain': domainName } : {}),
          // A table-wide mark, so that a label filter finds every table
          // holding personal data; each column says so in its description.
          ...(hasPersonalData(columns)
            ? { 'meshifi-personal-data': 'true' }
            : {}),
        },
        schema: bigQueryTableSchema(columns),
        ...(primaryKey && primaryKey.length > 0
          ? { tableConstraints: { primaryKey: { columns: primaryKey } } }
          : {}),
        // Terraform refuses to delete the table while this is set.
        deletionProtection: true,
      },
      port.name,
      // Without Delete, Crossplane never deletes the table in BigQuery:
      // removing a port from the product, or the product itself, only stops
      // managing it, and a table full of readers' data stays until a person
      // drops it on purpose.
      { managementPolicies: TABLE_MANAGEMENT_POLICIES },
    );
    return {
      key: `table-${port.name}`,
      role: 'table',
      layer: 'curated',
      summary: `BigQuery table ${curated}.${port.name} (output port ${
        port.name
      }) with ${columns.length} column${columns.length === 1 ? '' : 's'}${
        primaryKey?.length ? `, keyed by ${primaryKey.join(', ')}` : ''
      }, in project ${project}`,
      resource: table,
    };
  });

  return [
    ...datasets,
    serviceAccount,
    ...writers,
    jobUser,
    ...owners,
    ...tables,
  ];
}
