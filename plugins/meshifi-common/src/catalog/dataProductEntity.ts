import { dataProductManifest } from '../model/manifests';
import {
  DataProduct,
  Deprecation,
  InputPort,
  OutputPort,
} from '../model/types';
import { ProductLifecycleStatus } from '../lifecycle/productStatus';
import { CATALOG_API_VERSION, MESHIFI_ANNOTATIONS } from './annotations';
import { lifecycleAndPortsEntitySchema } from './lifecycleAndPortsEntitySchema';

/** A JSON value, as a catalog entity's spec holds any. */
type JsonFragment =
  | string
  | number
  | boolean
  | null
  | JsonFragment[]
  | { [key: string]: JsonFragment | undefined };

/** A data product in the software catalog. */
export interface DataProductEntity {
  apiVersion: typeof CATALOG_API_VERSION;
  kind: 'DataProduct';
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    tags?: string[];
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    links?: Array<{
      url: string;
      title?: string;
      icon?: string;
      type?: string;
    }>;
  };
  spec: {
    type: 'data-product';
    lifecycle: string;
    /** The Backstage owner: a user or group ref. */
    owner: string;
    /** The Domain entity the product is part of. */
    domain?: string;
    version: string;
    /** The IAM owners: who may impersonate the service account. */
    owners: string[];
    location?: string;
    datasets: Array<{ layer: string; datasetId: string }>;
    serviceAccountId: string;
    /**
     * Who may read the product now: the entity refs (`group:default/marketing`)
     * of the consumers of its access grants whose last day has not ended, each
     * once. A grant whose consumer names no catalog entity (an email only) is
     * not here. The catalog relates them by RELATION_DATA_CONSUMED_BY.
     */
    consumers?: string[];
    /** The product's place in its life, as its manifest says (ODPS). */
    status?: ProductLifecycleStatus;
    deprecation?: Deprecation;
    /** The tables the product offers, each with its contract, as in the manifest. */
    outputPorts?: OutputPort[];
    /** The other products' tables it reads, as in the manifest. */
    inputPorts?: InputPort[];
    /**
     * What the product has beyond its datasets and service account, each
     * under its capability's name, as in the manifest: the product page
     * shows a card for each. Each is its capability's fragment, whose
     * schema the capability gives.
     */
    capabilities?: Record<string, JsonFragment>;
  };
}

/**
 * The JSON schema of the DataProduct catalog kind, in the form Backstage's
 * `entityKindSchemaValidator` takes.
 */
export const dataProductEntitySchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'DataProductV1alpha1',
  description:
    'A meshifi data product: BigQuery datasets for the raw, cleaned and curated layers, and the service account that writes to them.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [CATALOG_API_VERSION] },
        kind: { enum: ['DataProduct'] },
        spec: {
          type: 'object',
          required: [
            'type',
            'lifecycle',
            'owner',
            'version',
            'owners',
            'datasets',
            'serviceAccountId',
          ],
          properties: {
            type: { enum: ['data-product'] },
            lifecycle: { type: 'string', minLength: 1 },
            owner: { type: 'string', minLength: 1 },
            domain: { type: 'string', minLength: 1 },
            version: { type: 'string', minLength: 1 },
            owners: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 3 },
            },
            location: { type: 'string' },
            datasets: {
              type: 'array',
              items: {
                type: 'object',
                required: ['layer', 'datasetId'],
                properties: {
                  layer: { type: 'string' },
                  datasetId: { type: 'string' },
                },
              },
            },
            serviceAccountId: { type: 'string', minLength: 6, maxLength: 30 },
            consumers: {
              type: 'array',
              uniqueItems: true,
              items: { type: 'string', minLength: 1 },
            },
            ...lifecycleAndPortsEntitySchema,
            // Each capability's fragment is checked as a manifest's is, by
            // validateDataProduct; the page reads them defensively.
            capabilities: { type: 'object' },
          },
        },
      },
    },
  ],
};

/**
 * The DataProduct manifest a catalog entity was made from: what the cluster
 * should get once the GitOps sync applies it.
 */
export function dataProductManifestOf(entity: DataProductEntity): DataProduct {
  const { metadata, spec } = entity;
  const name =
    metadata.annotations?.[MESHIFI_ANNOTATIONS.xrName] ?? metadata.name;
  return dataProductManifest({
    info: {
      name,
      version: spec.version,
      ...(metadata.title ? { title: metadata.title } : {}),
      ...(metadata.description ? { description: metadata.description } : {}),
    },
    access: { owners: spec.owners },
    ...(spec.domain ? { domain: spec.domain } : {}),
    ...(spec.location ? { location: spec.location } : {}),
    ...(spec.status ? { status: spec.status } : {}),
    ...(spec.deprecation ? { deprecation: spec.deprecation } : {}),
    ...(spec.outputPorts ? { outputPorts: spec.outputPorts } : {}),
    ...(spec.inputPorts ? { inputPorts: spec.inputPorts } : {}),
    ...(spec.capabilities ? { capabilities: spec.capabilities } : {}),
  });
}
