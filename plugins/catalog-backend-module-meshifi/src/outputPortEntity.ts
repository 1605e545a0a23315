import { Entity } from '@backstage/catalog-model';
import {
  API_TYPES,
  DataProduct,
  MESHIFI_ANNOTATIONS,
  odcsYamlOf,
  OutputPort,
  outputPortEntityName,
} from '@meshifi/common';

/** The tag of an output port with at least one column of personal data. */
export const PERSONAL_DATA_TAG = 'personal-data';

/** What an output port's entity takes from its product's entity. */
export interface OutputPortEntityContext {
  /** The product's Backstage owner: the team that keeps the contract. */
  owner: string;
  /** The product's lifecycle: a port is as served as its product. */
  lifecycle: string;
  /** Annotations every entity of the manifest gets, e.g. where it was read from. */
  annotations?: Record<string, string>;
}

/**
 * An output port as Backstage's API kind: a `data-contract` whose definition
 * is the port's contract as an ODCS document, which the API page shows. It is
 * provided by its product, a relation the processor gives the product (an
 * API entity names no provider); the products that read it consume it.
 */
export function outputPortEntity(
  product: DataProduct,
  port: OutputPort,
  context: OutputPortEntityContext,
): Entity {
  const { info, domain } = product.spec;
  const personal = port.contract.columns.some(column => column.personalData);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: outputPortEntityName(info.name, port.name),
      namespace: 'default',
      title: `${info.title ?? info.name}: ${port.name}`,
      description:
        port.description ??
        `The table ${port.name} that the data product ${info.name} offers, and its data contract.`,
      tags: [
        'bigquery',
        ...(personal ? [PERSONAL_DATA_TAG] : []),
        ...(domain ? [domain] : []),
      ],
      annotations: {
        ...context.annotations,
        [MESHIFI_ANNOTATIONS.dataProduct]: info.name,
        [MESHIFI_ANNOTATIONS.outputPort]: port.name,
      },
    },
    spec: {
      type: API_TYPES.dataContract,
      lifecycle: context.lifecycle,
      owner: context.owner,
      definition: odcsYamlOf(product, port),
    },
  };
}
