import type { KubernetesObject } from '../../model/types';
import { FivetranConnection } from './fivetranSchema';
import {
  FivetranConnector,
  FivetranGroup,
  FivetranSettings,
  SecretKeyRef,
} from './fivetranSettings';

/** provider-http's namespaced Request (v1.0.x). */
export const HTTP_REQUEST_KIND = {
  apiVersion: 'http.m.crossplane.io/v1alpha2',
  kind: 'Request',
} as const;

/** Fivetran's connections collection (REST API v1). */
export const CONNECTIONS_PATH = '/v1/connections';

/**
 * The response version the Request asks for, as Fivetran's API reference
 * recommends in its `Accept` header.
 */
export const FIVETRAN_ACCEPT = 'application/json;version=2';

/**
 * How the created schema and tables are named: Fivetran's own convention
 * (lower-case snake case, as BigQuery names read best). Its API says this
 * field becomes required at creation.
 */
export const DESTINATION_SCHEMA_NAMES = 'FIVETRAN_NAMING';

/** The Request's name: `<product>.<connection>`, unique in the namespace (product names have no dot). */
export const connectionRequestName = (product: string, connection: string) =>
  `${product}.${connection}`;

/**
 * provider-http's secret placeholder, `{{ name:namespace:key }}`: it puts
 * the Secret's value in place of it in a Request's headers and body when it
 * sends them, and never stores it in the Request. Throws for parts that
 * could end the placeholder early or open another (braces, colons, spaces):
 * the schema and the settings never let such parts through.
 */
export function secretPlaceholder(ref: SecretKeyRef): string {
  for (const part of [ref.name, ref.namespace, ref.key]) {
    if (!/^[-._a-zA-Z0-9]+$/.test(part)) {
      throw new Error(
        `"${part}" cannot be part of a secret placeholder: use letters, digits, dashes, dots and underscores.`,
      );
    }
  }
  return `{{ ${ref.name}:${ref.namespace}:${ref.key} }}`;
}

/**
 * Where the connection writes, in the fields Fivetran's API documents for
 * the connector's schema format: always the product's raw dataset as the
 * schema; for one-table and file connectors, the connection's name (dashes
 * as underscores) as the table or table group.
 */
export function destinationConfig(
  connector: FivetranConnector,
  connectionName: string,
  rawDataset: string,
): Record<string, string> {
  const table = connectionName.replace(/-/g, '_');
  switch (connector.destination) {
    case 'schema-table':
      return { schema: rawDataset, table };
    case 'schema-table-group':
      return { schema: rawDataset, table_group_name: table };
    default:
      return { schema: rawDataset };
  }
}

/** What the Request's create needs beyond the connection itself. */
export type ConnectionTarget = {
  group: FivetranGroup;
  connector: FivetranConnector;
  /** The product's namespace: where the credentials Secret is. */
  namespace: string;
  rawDataset: string;
};

/**
 * The body of Fivetran's "Create a Connection" (POST /v1/connections):
 * `group_id`, `service`, unpaused, its `sync_frequency`, the naming
 * convention, setup tests run at once, and `config` with the platform's
 * fixed fields, each credential as a placeholder for the product's Secret,
 * and the destination (last, so that nothing else can move it).
 */
export function createConnectionBody(
  connection: FivetranConnection,
  target: ConnectionTarget,
): Record<string, unknown> {
  const credentials = Object.fromEntries(
    target.connector.credentialKeys.map(key => [
      key,
      secretPlaceholder({
        name: connection.credentialsSecret,
        namespace: target.namespace,
        key,
      }),
    ]),
  );
  return {
    group_id: target.group.groupId,
    service: connection.connector,
    paused: false,
    sync_frequency: connection.syncFrequency,
    destination_schema_names: DESTINATION_SCHEMA_NAMES,
    run_setup_tests: true,
    config: {
      ...target.connector.config,
      ...credentials,
      ...destinationConfig(
        target.connector,
        connection.name,
        target.rawDataset,
      ),
    },
  };
}

/** The URL of the connection the last response named (jq, as provider-http evaluates it). */
const CONNECTION_URL =
  '(.payload.baseUrl + "/" + (.response.body.data.id | tostring))';

/**
 * The provider-http mappings of a connection, after Fivetran's REST API:
 * create with POST on the collection; read, change and delete it at
 * /v1/connections/{id}, with the id Fivetran answered (`data.id`; a
 * missing id reads "null", which provider-http refuses, falling back to the
 * cached response). An update changes only what may change after creation:
 * whether it is paused and its sync frequency.
 */
export const CONNECTION_MAPPINGS = [
  {
    action: 'CREATE',
    method: 'POST',
    url: '.payload.baseUrl',
    body: '.payload.body',
  },
  { action: 'OBSERVE', method: 'GET', url: CONNECTION_URL },
  {
    action: 'UPDATE',
    method: 'PATCH',
    url: CONNECTION_URL,
    body: '{paused: .payload.body.paused, sync_frequency: .payload.body.sync_frequency}',
  },
  { action: 'REMOVE', method: 'DELETE', url: CONNECTION_URL },
];

/**
 * Up to date when Fivetran's connection is as paused and as frequent as
 * asked: the GET answers `{code, data}`, which the default check (does the
 * answer contain the update's body) would never find equal, and masks
 * credentials, which can therefore not be compared.
 */
export const UP_TO_DATE_LOGIC =
  '.response.body.data.paused == .payload.body.paused and .response.body.data.sync_frequency == .payload.body.sync_frequency';

/** Removed when Fivetran no longer knows the connection. */
export const REMOVED_LOGIC = '.response.statusCode == 404';

/**
 * The provider-http Request that creates, watches, updates and deletes one
 * Fivetran connection. Fivetran's API key goes in the Authorization header
 * and the source's credentials in the body, both as placeholders that
 * provider-http fills from the Secrets when it sends the request.
 */
export function connectionRequest(
  connection: FivetranConnection,
  target: ConnectionTarget & { product: string },
  settings: Pick<
    FivetranSettings,
    'apiUrl' | 'apiKeySecret' | 'providerConfigRef'
  >,
): KubernetesObject {
  return {
    ...HTTP_REQUEST_KIND,
    metadata: { name: connectionRequestName(target.product, connection.name) },
    spec: {
      providerConfigRef: { ...settings.providerConfigRef },
      forProvider: {
        headers: {
          Authorization: [`Basic ${secretPlaceholder(settings.apiKeySecret)}`],
          Accept: [FIVETRAN_ACCEPT],
          'Content-Type': ['application/json'],
        },
        payload: {
          baseUrl: `${settings.apiUrl}${CONNECTIONS_PATH}`,
          body: JSON.stringify(createConnectionBody(connection, target)),
        },
        mappings: CONNECTION_MAPPINGS.map(mapping => ({ ...mapping })),
        expectedResponseCheck: { type: 'CUSTOM', logic: UP_TO_DATE_LOGIC },
        isRemovedCheck: { type: 'CUSTOM', logic: REMOVED_LOGIC },
      },
    },
  };
}
