import { InputError } from '@backstage/errors';
import { ACCESS_LEVEL_ROLES, LABELS, MedallionLayer } from '../constants';
import {
  accessEndsAtText,
  expiryCondition,
  hasEnded,
} from '../access/accessExpiry';
import { accessPolicyProblems, layerOf } from '../access/accessPolicy';
import { describeIamMember, iamMemberOfPrincipal } from '../model/owners';
import {
  AccessPolicy,
  DataAccess,
  DataAccessStatus,
  DataProduct,
  PlatformConfig,
} from '../model/types';
import { datasetId } from '../naming/datasetId';
import { NO_DOMAIN_NAMESPACE } from '../status/productsOf';
import { resourceNames } from '../naming/resourceName';
import { ValidationError } from '../validation/Problem';
import { validateDataAccess } from '../validation/validateDataAccess';
import { validateDataProduct } from '../validation/validateDataProduct';
import { ComposedResource } from './compose';
import { GCP_KINDS } from './gcpKinds';

/** What composing a grant needs. */
export interface DataAccessRequest {
  grant: DataAccess;
  /** The DataProduct of the grant's namespace named by spec.product; null when there is none. */
  product: DataProduct | null;
  policy: AccessPolicy;
  /** The instant to judge the expiry at: the function's clock, a test's day. */
  now: Date;
  providerConfig?: PlatformConfig['providerConfig'];
}

/**
 * A grant composed: its one DatasetIAMMember while it runs, nothing once its
 * last day has ended (`ended`), and what the XR's status says either way.
 */
export interface DataAccessComposition {
  ended: boolean;
  resources: ComposedResource[];
  status: DataAccessStatus;
  /** What happened, in a sentence for the grant's page and events. */
  summary: string;
}

/**
 * The dataset a grant reads, from the product's status (what its composition
 * made), checked against the model's name for it: a status that names
 * another product's dataset never redirects a grant.
 *
 * A product not provisioned yet refuses the grant for now rather than
 * answering "waiting" with nothing composed: a composite that composes
 * nothing reads Ready, which would tell the requester access was given. The
 * refusal keeps the grant not Synced with this message, touches nothing, and
 * Crossplane tries again until the product has its datasets.
 */
function provisionedDataset(
  product: DataProduct,
  layer: MedallionLayer,
): { project: string; datasetId: string } {
  const name = product.metadata.name;
  const project = product.status?.project;
  const dataset = product.status?.datasets?.find(d => d.layer === layer);
  if (!project || !dataset) {
    throw new InputError(
      `The data product "${name}" is not provisioned yet: the grant waits until it is, then gives access by itself. Nothing to do unless the product's page shows a problem.`,
    );
  }
  if (dataset.datasetId !== datasetId(name, layer)) {
    throw new InputError(
      `The status of the data product "${name}" names the dataset "${
        dataset.datasetId
      }" for its ${layer} layer, not its own "${datasetId(
        name,
        layer,
      )}": no access is given until the platform team has looked at the product.`,
    );
  }
  return { project, datasetId: dataset.datasetId };
}

/**
 * The DatasetIAMMember a DataAccess composes: the consumer gets the level's
 * role on the one dataset of the layer, with an IAM condition that ends it
 * when the last day ends, so access stops on time even if nothing runs then.
 *
 * Why DatasetIAMMember: BigQuery keeps one access list per dataset. A
 * DatasetAccess (or the Dataset's `access` field) and the IAM member kinds
 * each write that list their own way and undo each other's entries; the
 * products' writers are DatasetIAMMembers already, and a non-authoritative
 * member adds one binding without owning the rest. So every grant meshifi
 * makes on a dataset is a DatasetIAMMember, and nothing of meshifi sets the
 * dataset's access list.
 *
 * Throws, with a message for the requester, when the grant is invalid, its
 * product does not exist in the grant's namespace or is not provisioned, its
 * layer is not shared or its expiry is beyond the platform's maximum.
 */
export function composeDataAccess({
  grant: manifest,
  product,
  policy,
  now,
  providerConfig,
}: DataAccessRequest): DataAccessComposition {
  const validated = validateDataAccess(manifest);
  if (!validated.ok) {
    throw new ValidationError(validated.problems);
  }
  const grant = validated.value;
  const name = grant.metadata.name;
  const namespace = grant.metadata.namespace ?? NO_DOMAIN_NAMESPACE;
  const { spec } = grant;
  if (!product) {
    throw new InputError(
      `There is no data product "${spec.product}" in the namespace "${namespace}": a grant gives access to a product of its own namespace only. Check the product's name, or put the grant in the namespace of the product's domain.`,
    );
  }
  const productNamespace = product.metadata.namespace ?? NO_DOMAIN_NAMESPACE;
  if (
    product.metadata.name !== spec.product ||
    productNamespace !== namespace
  ) {
    throw new InputError(
      `The data product "${product.metadata.name}" of the namespace "${productNamespace}" is not the product "${spec.product}" of the grant's namespace "${namespace}": a grant gives access to a product of its own namespace only.`,
    );
  }
  const checked = validateDataProduct(product);
  if (!checked.ok) {
    throw new InputError(
      `The data product "${
        spec.product
      }" is not valid, so no access to it is given: ${checked.problems
        .map(p => p.message)
        .join(' ')}`,
    );
  }
  const refused = accessPolicyProblems(grant, policy, now);
  if (refused.length > 0) {
    throw new ValidationError(refused);
  }
  const layer = layerOf(grant);
  const level = spec.level ?? 'read';
  const role = ACCESS_LEVEL_ROLES[level];
  const member = iamMemberOfPrincipal(spec.consumer);
  const { project, datasetId: dataset } = provisionedDataset(product, layer);
  const condition = expiryCondition({ namespace, name }, spec.expires);
  const endsAt = accessEndsAtText(spec.expires);
  const status: DataAccessStatus = {
    project,
    datasetId: dataset,
    member,
    role,
    endsAt,
  };
  const who = describeIamMember(member);
  if (hasEnded(spec.expires, now)) {
    // An ended grant composes nothing, so Crossplane deletes the member it
    // composed: the binding leaves the dataset, where its condition already
    // denied every request. A fatal result would keep the member as it last
    // was, and a grant shortened into the past would keep its later expiry.
    return {
      ended: true,
      resources: [],
      status,
      summary: `The access of ${who} to ${dataset} ended when ${spec.expires} ended (UTC): delete the grant, or ask for a new one.`,
    };
  }
  const domain = product.spec.domain;
  const resourceName = resourceNames.datasetReader(name, layer);
  const resource: ComposedResource = {
    key: `dataset-reader-${layer}`,
    role: 'dataset-reader',
    layer,
    summary: `${who} may read ${dataset} until ${spec.expires} ends (UTC)`,
    resource: {
      ...GCP_KINDS.datasetIamMember,
      metadata: {
        name: resourceName,
        labels: {
          [LABELS.dataAccess]: name,
          [LABELS.dataProduct]: spec.product,
          [LABELS.role]: 'dataset-reader',
          ...(domain ? { [LABELS.domain]: domain } : {}),
        },
      },
      spec: {
        forProvider: {
          project,
          datasetId: dataset,
          role,
          member,
          condition,
        },
        providerConfigRef: providerConfig ?? {
          kind: 'ClusterProviderConfig',
          name: 'default',
        },
      },
    },
  };
  return {
    ended: false,
    resources: [resource],
    status,
    summary: `${who} may read ${dataset} in ${project} until ${spec.expires} ends (UTC).`,
  };
}
