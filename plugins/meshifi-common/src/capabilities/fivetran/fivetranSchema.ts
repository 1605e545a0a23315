import { MeshifiSchema } from '../../schema/jsonSchema';

/**
 * How often Fivetran may sync a connection, in minutes: the values its REST
 * API documents for `sync_frequency`, without 1 (which needs a plan that
 * few have).
 */
export const SYNC_FREQUENCIES = [
  5, 15, 30, 60, 120, 180, 360, 480, 720, 1440,
] as const;

/** One of the sync frequencies, in minutes. */
export type SyncFrequency = (typeof SYNC_FREQUENCIES)[number];

/**
 * A connection's name: lower-case letters, digits and single dashes,
 * starting with a letter. It names the Request (`<product>.<name>`) and, with
 * its dashes as underscores, the table a one-table connector writes; a name
 * has no underscore, so two names never give the same table.
 */
export const CONNECTION_NAME_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
export const CONNECTION_NAME_MAX_LENGTH = 30;

/** A Fivetran connector type (its `service`), e.g. `google_sheets`. */
export const CONNECTOR_PATTERN = '^[a-z][a-z0-9_]*$';
export const CONNECTOR_MAX_LENGTH = 100;

/**
 * A Kubernetes Secret's name (a DNS-1123 subdomain). It holds none of the
 * characters provider-http's `{{ name:namespace:key }}` placeholders are
 * made of (braces, colons, spaces), so a name cannot open a placeholder of
 * its own.
 */
export const SECRET_NAME_PATTERN =
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const SECRET_NAME_MAX_LENGTH = 253;

/** The most connections one product may have. */
export const MAX_CONNECTIONS = 20;

/** One Fivetran connection that loads the product's raw dataset. */
export type FivetranConnection = {
  name: string;
  connector: string;
  syncFrequency: SyncFrequency;
  credentialsSecret: string;
};

/** spec.capabilities.fivetran. */
export type FivetranSpec = {
  connections: FivetranConnection[];
};

const connectionSchema: MeshifiSchema = {
  type: 'object',
  title: 'Connection',
  required: ['name', 'connector', 'syncFrequency', 'credentialsSecret'],
  properties: {
    name: {
      type: 'string',
      title: 'Connection name',
      description:
        'A short name, unique in the product, such as "shop". With one-table connectors it names the table in the raw dataset.',
      minLength: 1,
      maxLength: CONNECTION_NAME_MAX_LENGTH,
      pattern: CONNECTION_NAME_PATTERN,
      'x-meshifi-message': `Name the connection with lower-case letters, digits and single dashes, starting with a letter, at most ${CONNECTION_NAME_MAX_LENGTH} characters, for example "shop".`,
    },
    connector: {
      type: 'string',
      title: 'Connector',
      description:
        'The Fivetran connector type, one the platform offers, such as google_sheets.',
      minLength: 1,
      maxLength: CONNECTOR_MAX_LENGTH,
      pattern: CONNECTOR_PATTERN,
      'x-meshifi-message':
        'Give a Fivetran connector type the platform offers, such as google_sheets.',
    },
    syncFrequency: {
      type: 'integer',
      title: 'Sync frequency (minutes)',
      description: `How often Fivetran loads new data, in minutes: one of ${SYNC_FREQUENCIES.join(
        ', ',
      )}.`,
      minimum: SYNC_FREQUENCIES[0],
      maximum: SYNC_FREQUENCIES[SYNC_FREQUENCIES.length - 1],
      default: 360,
      'x-kubernetes-validations': [
        {
          rule: `self in [${SYNC_FREQUENCIES.join(', ')}]`,
          message: `syncFrequency must be one of ${SYNC_FREQUENCIES.join(
            ', ',
          )} minutes.`,
        },
      ],
      'x-meshifi-message': `Pick one of ${SYNC_FREQUENCIES.join(
        ', ',
      )} minutes.`,
    },
    credentialsSecret: {
      type: 'string',
      title: 'Credentials Secret',
      description:
        "The name of the Kubernetes Secret, in the product's namespace, that holds the source's credentials. The platform team creates it; its values never go to Git.",
      minLength: 1,
      maxLength: SECRET_NAME_MAX_LENGTH,
      pattern: SECRET_NAME_PATTERN,
      'x-meshifi-message':
        'Give the name of a Kubernetes Secret: lower-case letters, digits, dashes and dots, such as "shop-credentials".',
    },
  },
};

/** The schema of spec.capabilities.fivetran. */
export const fivetranSchema: MeshifiSchema = {
  type: 'object',
  title: 'Fivetran connections',
  description:
    "Fivetran connections that load sources into the product's raw dataset.",
  required: ['connections'],
  properties: {
    connections: {
      type: 'array',
      title: 'Connections',
      minItems: 1,
      maxItems: MAX_CONNECTIONS,
      'x-kubernetes-list-type': 'atomic',
      items: connectionSchema,
      'x-kubernetes-validations': [
        {
          rule: 'self.all(c, self.exists_one(d, d.name == c.name))',
          message: 'Give each connection its own name.',
        },
        {
          // Fivetran fixes a connection's connector and destination when it
          // is created: another connector is another connection, under
          // another name. (A rule on the list: its atomic items cannot be
          // compared with their old selves one by one.)
          rule: 'oldSelf.all(o, self.all(c, c.name != o.name || c.connector == o.connector))',
          message:
            "A connection's connector cannot change: add a connection with a new name instead.",
        },
      ],
    },
  },
};
