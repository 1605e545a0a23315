import { Entity } from '@backstage/catalog-model';
import {
  CATALOG_API_VERSION,
  DataDomain,
  DataProduct,
  DataProductEntity,
  datasetId,
  MEDALLION_LAYERS,
  MESHIFI_ANNOTATIONS,
  MESHIFI_API_VERSION,
  productStatusOf,
  RESOURCE_TYPES,
  serviceAccountId,
  shortHash,
  validateDataDomain,
  validateDataProduct,
} from '@meshifi/common';
import { CATALOG_LIFECYCLE_OF_STATUS } from './catalogLifecycle';
import { outputPortEntity } from './outputPortEntity';

/** What turning one manifest into catalog entities gave. */
export type ConversionResult =
  | { ok: true; entities: Entity[] }
  | { ok: false; message: string };

export interface ConversionOptions {
  /** Owner of products whose manifest names no Backstage owner. */
  defaultOwner?: string;
  /** Annotations every entity gets, e.g. where it was read from. */
  annotations?: Record<string, string>;
  /**
   * Annotations only the entity that stands for the manifest gets (the
   * DataProduct or the Domain), e.g. its file in the GitOps repository. A
   * product's Resources are found through their product, and every
   * annotation is a row of the catalog's search table for each entity.
   */
  manifestAnnotations?: Record<string, string>;
}

/** Whether a parsed document is a meshifi composite resource. */
export function isMeshifiManifest(document: unknown): boolean {
  const d = document as { apiVersion?: unknown; kind?: unknown } | undefined;
  return (
    d?.apiVersion === MESHIFI_API_VERSION &&
    (d.kind === 'DataProduct' || d.kind === 'DataDomain')
  );
}

const refOfProduct = (name: string) => `dataproduct:default/${name}`;

function productEntities(
  product: DataProduct,
  options: ConversionOptions,
): ConversionResult {
  const {
    info,
    access,
    domain,
    location,
    status,
    deprecation,
    outputPorts,
    inputPorts,
    capabilities,
  } = product.spec;
  const owner =
    product.metadata.annotations?.[MESHIFI_ANNOTATIONS.owner] ??
    options.defaultOwner;
  if (!owner) {
    return {
      ok: false,
      message: `The data product "${info.name}" names no Backstage owner: add the annotation ${MESHIFI_ANNOTATIONS.owner} (a user or group), or set meshifi.catalog.defaultOwner.`,
    };
  }
  const accountId = serviceAccountId(info.name);
  const datasets = MEDALLION_LAYERS.map(layer => ({
    layer,
    datasetId: datasetId(info.name, layer),
  }));
  const annotations = {
    ...options.annotations,
    ...options.manifestAnnotations,
    [MESHIFI_ANNOTATIONS.xrName]: product.metadata.name,
    [MESHIFI_ANNOTATIONS.xrNamespace]: product.metadata.namespace ?? 'default',
    // The standard Kubernetes tab finds the XR and its managed resources.
    'backstage.io/kubernetes-label-selector': `meshifi.io/data-product=${info.name}`,
    ...(product.metadata.namespace
      ? { 'backstage.io/kubernetes-namespace': product.metadata.namespace }
      : {}),
  };
  const lifecycle = CATALOG_LIFECYCLE_OF_STATUS[productStatusOf(product)];
  const entity: DataProductEntity = {
    apiVersion: CATALOG_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name: info.name,
      namespace: 'default',
      ...(info.title ? { title: info.title } : {}),
      ...(info.description ? { description: info.description } : {}),
      tags: ['data-product', 'bigquery', ...(domain ? [domain] : [])],
      annotations,
    },
    spec: {
      type: 'data-product',
      lifecycle,
      owner,
      ...(domain ? { domain } : {}),
      version: info.version,
      owners: access.owners,
      ...(location ? { location } : {}),
      datasets,
      serviceAccountId: accountId,
      ...(status ? { status } : {}),
      ...(deprecation ? { deprecation } : {}),
      ...(outputPorts ? { outputPorts } : {}),
      ...(inputPorts ? { inputPorts } : {}),
      // Read from YAML or JSON, each fragment is JSON.
      ...(capabilities
        ? {
            capabilities:
              capabilities as DataProductEntity['spec']['capabilities'],
          }
        : {}),
    },
  };
  // No title: it would repeat the name, which is the dataset or account id.
  const resource = (
    name: string,
    type: string,
    description: string,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      description,
      annotations: {
        ...options.annotations,
        [MESHIFI_ANNOTATIONS.dataProduct]: info.name,
      },
    },
    spec: {
      type,
      owner,
      dependencyOf: [refOfProduct(info.name)],
    },
  });
  const resources = [
    ...datasets.map(d =>
      resource(
        d.datasetId,
        RESOURCE_TYPES.dataset,
        `The ${d.layer} layer of the data product ${info.name}.`,
      ),
    ),
    resource(
      accountId,
      RESOURCE_TYPES.serviceAccount,
      `The service account that writes to the datasets of ${info.name}; its owners may impersonate it.`,
    ),
  ];
  const ports = (outputPorts ?? []).map(port =>
    outputPortEntity(product, port, {
      owner,
      lifecycle,
      annotations: options.annotations,
    }),
  );
  return {
    ok: true,
    entities: [entity as unknown as Entity, ...resources, ...ports],
  };
}

function domainEntity(domain: DataDomain, options: ConversionOptions): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: domain.metadata.name,
      namespace: 'default',
      ...(domain.spec.title ? { title: domain.spec.title } : {}),
      ...(domain.spec.description
        ? { description: domain.spec.description }
        : {}),
      tags: ['data-domain'],
      annotations: {
        ...options.annotations,
        ...options.manifestAnnotations,
        [MESHIFI_ANNOTATIONS.xrName]: domain.metadata.name,
        [MESHIFI_ANNOTATIONS.gcpProject]: domain.spec.gcpProject,
      },
    },
    spec: { owner: domain.spec.owner, type: 'data-domain' },
  };
}

/**
 * Turns a DataProduct or DataDomain manifest into catalog entities: a
 * DataProduct with its dataset and service-account Resources and an API
 * entity for each output port, or a Domain.
 * An invalid manifest gives the problems, in words a person can act on.
 */
export function manifestToEntities(
  manifest: unknown,
  options: ConversionOptions = {},
): ConversionResult {
  const kind = (manifest as { kind?: string }).kind;
  if (kind === 'DataDomain') {
    const validated = validateDataDomain(manifest);
    return validated.ok
      ? { ok: true, entities: [domainEntity(validated.value, options)] }
      : {
          ok: false,
          message: validated.problems.map(p => p.message).join(' '),
        };
  }
  const validated = validateDataProduct(manifest);
  return validated.ok
    ? productEntities(validated.value, options)
    : { ok: false, message: validated.problems.map(p => p.message).join(' ') };
}

/**
 * An entity that exists to carry a manifest's problem into the catalog's
 * processing errors (MeshifiEntityProcessor refuses it with the message),
 * so that the other manifests of the same file or repository keep flowing.
 */
export function invalidManifestEntity(
  source: string,
  message: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: CATALOG_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name: `invalid-manifest-${shortHash(source)}`,
      title: source,
      annotations: { ...annotations, [MESHIFI_ANNOTATIONS.invalid]: message },
    },
    spec: {},
  };
}
