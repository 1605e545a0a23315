import { GCP_KINDS, serviceAccountEmail } from '@meshifi/common';
import { createHash } from 'crypto';
import {
  atProviderOf,
  externalNameOf,
  forProviderOf,
  ManagedResource,
} from './managedKinds';

/**
 * What the provider reads back from Google Cloud once it has created a
 * resource: status.atProvider (the Terraform state upjet copies there) and
 * the external name, or why the create could not even be attempted.
 */
export type ExternalResource =
  | { created: true; atProvider: Record<string, unknown>; externalName: string }
  | { created: false; error: string };

type Observer = (
  resource: ManagedResource,
  forProvider: Record<string, unknown>,
  now: Date,
) => ExternalResource;

const hash = (algorithm: string, ...parts: unknown[]) =>
  createHash(algorithm).update(JSON.stringify(parts)).digest();

/** Terraform's error for a required argument that is not set. */
const requiredFieldMissing = (field: string): ExternalResource => ({
  created: false,
  error: `${field}: required field is not set`,
});

const stringField = (forProvider: Record<string, unknown>, field: string) => {
  const value = forProvider[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The parameters the provider echoes into atProvider: forProvider without
 * the reference and selector fields, which Terraform never sees.
 */
function echoedParameters(forProvider: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(forProvider).filter(
      ([key]) => !key.endsWith('Ref') && !key.endsWith('Selector'),
    ),
  );
}

/** Kinds whose external name is their identifier (dataset id, account id). */
const NAMED_BY_IDENTIFIER = new Set<string>([
  GCP_KINDS.dataset.kind,
  GCP_KINDS.serviceAccount.kind,
  GCP_KINDS.table.kind,
]);

/** The composition's external name, else the object's name. */
const identifierOf = (resource: ManagedResource) =>
  externalNameOf(resource) ?? resource.metadata?.name ?? '';

/**
 * The external name Crossplane's initializer gives a resource named by its
 * identifier before the first create, or undefined for the other kinds
 * (whose external name the provider learns only from the create).
 */
export function initialExternalName(
  kind: { kind: string },
  resource: ManagedResource,
): string | undefined {
  return NAMED_BY_IDENTIFIER.has(kind.kind)
    ? identifierOf(resource)
    : undefined;
}

/** The etag of an IAM policy: 8 bytes, the first two its version (base64 "Bw…"). */
function policyEtag(id: string) {
  return Buffer.concat([
    Buffer.from([0x07, 0x06]),
    hash('sha256', id).subarray(0, 6),
  ]).toString('base64');
}

/**
 * Terraform's id of an IAM member: the resource's id, the role and the
 * member with its value in lower case (the type keeps its case).
 */
function iamMemberId(resourceId: string, role: string, member: string) {
  const [type, ...value] = member.split(':');
  const normalized =
    value.length > 0 ? `${type}:${value.join(':').toLowerCase()}` : member;
  return `${resourceId}/${role}/${normalized}`;
}

/** Milliseconds since the epoch of a dataset's or table's creation and last change. */
function datasetTimes(resource: ManagedResource, now: Date) {
  const previous = atProviderOf(resource);
  const unchanged =
    resource.status?.observedGeneration === resource.metadata?.generation;
  const creationTime =
    typeof previous.creationTime === 'number'
      ? previous.creationTime
      : now.getTime();
  const lastModifiedTime =
    unchanged && typeof previous.lastModifiedTime === 'number'
      ? previous.lastModifiedTime
      : now.getTime();
  return { creationTime, lastModifiedTime };
}

/** The ACL BigQuery gives a new dataset (besides its creator as OWNER). */
const DEFAULT_DATASET_ACCESS = [
  { role: 'OWNER', specialGroup: 'projectOwners' },
  { role: 'READER', specialGroup: 'projectReaders' },
  { role: 'WRITER', specialGroup: 'projectWriters' },
];

const observeDataset: Observer = (resource, forProvider, now) => {
  const project = stringField(forProvider, 'project');
  if (!project) {
    return requiredFieldMissing('project');
  }
  const datasetId = identifierOf(resource);
  const labels = (forProvider.labels as Record<string, string>) ?? {};
  // Terraform adds its attribution label to what it sends to Google.
  const effectiveLabels = { ...labels, 'goog-terraform-provisioned': 'true' };
  const { creationTime, lastModifiedTime } = datasetTimes(resource, now);
  return {
    created: true,
    externalName: datasetId,
    atProvider: {
      ...echoedParameters(forProvider),
      access: DEFAULT_DATASET_ACCESS,
      creationTime,
      deleteContentsOnDestroy: forProvider.deleteContentsOnDestroy ?? false,
      effectiveLabels,
      etag: hash('md5', project, datasetId, forProvider).toString('base64'),
      id: `projects/${project}/datasets/${datasetId}`,
      isCaseInsensitive: forProvider.isCaseInsensitive ?? false,
      labels,
      lastModifiedTime,
      location: stringField(forProvider, 'location') ?? 'US',
      maxTimeTravelHours: forProvider.maxTimeTravelHours ?? '168',
      project,
      selfLink: `https://bigquery.googleapis.com/bigquery/v2/projects/${project}/datasets/${datasetId}`,
      terraformLabels: effectiveLabels,
    },
  };
};

/**
 * A table: upjet's external name is its table id, Terraform's id
 * `projects/<project>/datasets/<dataset>/tables/<table>`. BigQuery reports
 * the schema back as it was given, with the legacy names of three types,
 * which the provider counts as the same.
 */
const observeTable: Observer = (resource, forProvider, now) => {
  const project = stringField(forProvider, 'project');
  const datasetId = stringField(forProvider, 'datasetId');
  if (!project) {
    return requiredFieldMissing('project');
  }
  if (!datasetId) {
    return requiredFieldMissing('dataset_id');
  }
  const tableId = identifierOf(resource);
  const labels = (forProvider.labels as Record<string, string>) ?? {};
  const effectiveLabels = { ...labels, 'goog-terraform-provisioned': 'true' };
  const { creationTime, lastModifiedTime } = datasetTimes(resource, now);
  const id = `projects/${project}/datasets/${datasetId}/tables/${tableId}`;
  return {
    created: true,
    externalName: tableId,
    atProvider: {
      ...echoedParameters(forProvider),
      creationTime,
      deletionProtection: forProvider.deletionProtection ?? true,
      effectiveLabels,
      etag: hash('md5', id, forProvider).toString('base64'),
      id,
      labels,
      lastModifiedTime,
      numBytes: 0,
      numLongTermBytes: 0,
      numRows: 0,
      selfLink: `https://bigquery.googleapis.com/bigquery/v2/${id}`,
      terraformLabels: effectiveLabels,
      type: 'TABLE',
    },
  };
};

const observeServiceAccount: Observer = (resource, forProvider) => {
  const project = stringField(forProvider, 'project');
  if (!project) {
    return requiredFieldMissing('project');
  }
  const accountId = identifierOf(resource);
  const email = serviceAccountEmail(accountId, project);
  const name = `projects/${project}/serviceAccounts/${email}`;
  // Google's unique ids are 21 decimal digits; this one is stable per email.
  const uniqueId = (
    10n ** 20n +
    (hash('sha256', email).readBigUInt64BE() % 10n ** 20n)
  ).toString();
  return {
    created: true,
    externalName: accountId,
    atProvider: {
      ...echoedParameters(forProvider),
      disabled: forProvider.disabled ?? false,
      email,
      id: name,
      member: `serviceAccount:${email}`,
      name,
      project,
      uniqueId,
    },
  };
};

/** An IAM member: Terraform's id is also the external name upjet records. */
function observeIamMember(
  forProvider: Record<string, unknown>,
  resourceId: string,
): ExternalResource {
  const role = stringField(forProvider, 'role');
  const member = stringField(forProvider, 'member');
  if (!role) {
    return requiredFieldMissing('role');
  }
  if (!member) {
    return requiredFieldMissing('member');
  }
  const id = iamMemberId(resourceId, role, member);
  return {
    created: true,
    externalName: id,
    atProvider: {
      ...echoedParameters(forProvider),
      etag: policyEtag(id),
      id,
    },
  };
}

const observeDatasetIamMember: Observer = (_resource, forProvider) => {
  const project = stringField(forProvider, 'project');
  const datasetId = stringField(forProvider, 'datasetId');
  if (!project) {
    return requiredFieldMissing('project');
  }
  if (!datasetId) {
    return requiredFieldMissing('dataset_id');
  }
  return observeIamMember(
    forProvider,
    `projects/${project}/datasets/${datasetId}`,
  );
};

const observeProjectIamMember: Observer = (_resource, forProvider) => {
  const project = stringField(forProvider, 'project');
  return project
    ? observeIamMember(forProvider, project)
    : requiredFieldMissing('project');
};

const observeServiceAccountIamMember: Observer = (_resource, forProvider) => {
  const serviceAccountId = stringField(forProvider, 'serviceAccountId');
  return serviceAccountId
    ? observeIamMember(forProvider, serviceAccountId)
    : requiredFieldMissing('service_account_id');
};

const observers: Record<string, Observer> = {
  [GCP_KINDS.dataset.kind]: observeDataset,
  [GCP_KINDS.serviceAccount.kind]: observeServiceAccount,
  [GCP_KINDS.datasetIamMember.kind]: observeDatasetIamMember,
  [GCP_KINDS.projectIamMember.kind]: observeProjectIamMember,
  [GCP_KINDS.serviceAccountIamMember.kind]: observeServiceAccountIamMember,
  [GCP_KINDS.table.kind]: observeTable,
};

/**
 * What the real provider would find in Google Cloud after creating the
 * resource: the fields it reports in status.atProvider for this kind, with
 * ids in Google's and Terraform's formats. Times and generated ids are kept
 * stable across passes, so that an unchanged resource is not rewritten.
 */
export function observeExternalResource(
  kind: { kind: string },
  resource: ManagedResource,
  now: Date,
): ExternalResource {
  const observer = observers[kind.kind];
  if (!observer) {
    return { created: false, error: `unsupported kind ${kind.kind}` };
  }
  return observer(resource, forProviderOf(resource), now);
}
