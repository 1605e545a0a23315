import {
  CONNECTOR_MAX_LENGTH,
  CONNECTOR_PATTERN,
  SECRET_NAME_MAX_LENGTH,
  SECRET_NAME_PATTERN,
} from './fivetranSchema';

/**
 * How a connector names where it writes, as Fivetran's REST API documents
 * it for each connector type (its "schema formats"):
 * - `schema`: `config.schema` only; the connection is named after the schema,
 *   so one such connection per schema in a group.
 * - `schema-table`: `config.schema` and `config.table` (one table).
 * - `schema-table-group`: `config.schema` and `config.table_group_name`
 *   (file connectors; the connection is named `<schema>.<table_group_name>`).
 * Connectors that write several schemas (`config.schema_prefix`, the
 * databases) cannot load one dataset and are not offered.
 */
export const DESTINATION_FORMATS = [
  'schema',
  'schema-table',
  'schema-table-group',
] as const;

export type DestinationFormat = (typeof DESTINATION_FORMATS)[number];

/** A connector type the platform offers. */
export type FivetranConnector = {
  /** How people call it, e.g. "Google Sheets". */
  title: string;
  destination: DestinationFormat;
  /**
   * The keys the connection's credentials Secret must have; each goes into
   * the request's `config` under the same name (e.g. `api_key`).
   */
  credentialKeys: string[];
  /** Fixed `config` fields the platform sets for every connection of the type. */
  config?: Record<string, string | number | boolean>;
};

/** A key of a Secret, for provider-http to read. */
export type SecretKeyRef = { namespace: string; name: string; key: string };

/** The Fivetran group (its BigQuery destination) of a GCP project. */
export type FivetranGroup = {
  groupId: string;
  /** The service account Fivetran writes to BigQuery as. */
  serviceAccountEmail: string;
};

/** platform.capabilities.fivetran. */
export type FivetranSettings = {
  /** The group of every project that `projects` does not name. */
  group?: FivetranGroup;
  /** The group of each GCP project that has its own. */
  projects: Record<string, FivetranGroup>;
  /** Fivetran's REST API, without a trailing slash. */
  apiUrl: string;
  /** The Secret key holding `base64(<api key>:<api secret>)`. */
  apiKeySecret: SecretKeyRef;
  connectors: Record<string, FivetranConnector>;
  /** provider-http's config the Requests use. */
  providerConfigRef: {
    kind: 'ProviderConfig' | 'ClusterProviderConfig';
    name: string;
  };
};

export const DEFAULT_FIVETRAN_API_URL = 'https://api.fivetran.com';

/** A Fivetran group id, e.g. `projected_sickle`. */
const GROUP_ID = /^[A-Za-z0-9_]{1,100}$/;
const SERVICE_ACCOUNT_EMAIL =
  /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;
const GCP_PROJECT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const SECRET_NAME = new RegExp(SECRET_NAME_PATTERN);
/** A namespace or a DNS-1123 label. */
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A Secret key that is also a Fivetran config field. */
const CONFIG_KEY = /^[a-z][a-z0-9_]{0,99}$/;
const CONNECTOR = new RegExp(CONNECTOR_PATTERN);
/** An https URL of a host, with no credentials, path, query or fragment. */
const API_URL =
  /^https:\/\/[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/;

/**
 * The settings the package ships in the Composition's step: what every
 * platform shares. A platform adds its group (and the connectors it offers)
 * in an EnvironmentConfig, `meshifi.platform.capabilities.fivetran`.
 */
export const PACKAGED_FIVETRAN_SETTINGS = {
  apiUrl: DEFAULT_FIVETRAN_API_URL,
  apiKeySecret: {
    namespace: 'crossplane-system',
    name: 'fivetran-api-key',
    key: 'basic-auth',
  },
  providerConfigRef: { kind: 'ClusterProviderConfig', name: 'fivetran' },
  connectors: {
    google_sheets: {
      title: 'Google Sheets',
      destination: 'schema-table',
      credentialKeys: ['sheet_id', 'named_range'],
      config: { auth_type: 'ServiceAccount' },
    },
    stripe: {
      title: 'Stripe',
      destination: 'schema',
      credentialKeys: ['api_key'],
    },
  },
};

const WHERE = 'platform.capabilities.fivetran';

class SettingsError extends Error {
  constructor(what: string) {
    super(
      `The Fivetran capability's settings are not usable: ${what} Set it under ${WHERE} in the Composition's step or in an EnvironmentConfig (meshifi.platform.capabilities.fivetran).`,
    );
    this.name = 'SettingsError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, pattern: RegExp, max: number) =>
  typeof value === 'string' && value.length <= max && pattern.test(value);

function readGroup(raw: unknown, where: string): FivetranGroup {
  if (!isRecord(raw)) {
    throw new SettingsError(`${where} must be a set of fields.`);
  }
  if (!text(raw.groupId, GROUP_ID, 100)) {
    throw new SettingsError(
      `${where}.groupId must be the id of the Fivetran group whose destination is the project's BigQuery (letters, digits and underscores, as Fivetran shows it).`,
    );
  }
  if (!text(raw.serviceAccountEmail, SERVICE_ACCOUNT_EMAIL, 100)) {
    throw new SettingsError(
      `${where}.serviceAccountEmail must be the email of the Google service account the group's BigQuery destination writes as (<id>@<project>.iam.gserviceaccount.com).`,
    );
  }
  return {
    groupId: raw.groupId as string,
    serviceAccountEmail: raw.serviceAccountEmail as string,
  };
}

function readProjects(raw: unknown): Record<string, FivetranGroup> {
  if (raw === undefined) {
    return {};
  }
  if (!isRecord(raw)) {
    throw new SettingsError(
      'projects must map GCP project ids to their group (groupId and serviceAccountEmail).',
    );
  }
  return Object.fromEntries(
    Object.entries(raw).map(([project, group]) => {
      if (!GCP_PROJECT.test(project)) {
        throw new SettingsError(
          `projects names "${project}", which is not a GCP project id.`,
        );
      }
      return [project, readGroup(group, `projects.${project}`)];
    }),
  );
}

function readSecretRef(raw: unknown): SecretKeyRef {
  const ref = isRecord(raw) ? raw : {};
  if (
    !text(ref.namespace, LABEL, 63) ||
    !text(ref.name, SECRET_NAME, SECRET_NAME_MAX_LENGTH) ||
    !text(ref.key, /^[-._a-zA-Z0-9]+$/, 253)
  ) {
    throw new SettingsError(
      'apiKeySecret must name the namespace, name and key of the Secret that holds base64(<api key>:<api secret>).',
    );
  }
  return {
    namespace: ref.namespace as string,
    name: ref.name as string,
    key: ref.key as string,
  };
}

function readConfig(
  raw: unknown,
  service: string,
): Record<string, string | number | boolean> | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const valid =
    isRecord(raw) &&
    Object.entries(raw).every(
      ([key, value]) =>
        CONFIG_KEY.test(key) &&
        (typeof value === 'number' ||
          typeof value === 'boolean' ||
          // Never a provider-http placeholder: a fixed value is what it says.
          (typeof value === 'string' && !/[{}]/.test(value))),
    );
  if (!valid) {
    throw new SettingsError(
      `connectors.${service}.config must map config fields (lower-case letters, digits, underscores) to plain text without braces, numbers or booleans.`,
    );
  }
  return raw as Record<string, string | number | boolean>;
}

function readConnector(raw: unknown, service: string): FivetranConnector {
  const where = `connectors.${service}`;
  if (!CONNECTOR.test(service) || service.length > CONNECTOR_MAX_LENGTH) {
    throw new SettingsError(
      `connectors names "${service}", which is not a Fivetran connector type (lower-case letters, digits and underscores).`,
    );
  }
  if (!isRecord(raw)) {
    throw new SettingsError(`${where} must be a set of fields.`);
  }
  if (typeof raw.title !== 'string' || raw.title.trim() === '') {
    throw new SettingsError(`${where}.title must say how people call it.`);
  }
  if (!DESTINATION_FORMATS.includes(raw.destination as DestinationFormat)) {
    throw new SettingsError(
      `${where}.destination must be one of ${DESTINATION_FORMATS.join(
        ', ',
      )}: how Fivetran's API names where the connector writes. Connectors that write several schemas cannot load one dataset.`,
    );
  }
  const keys = raw.credentialKeys;
  if (
    !Array.isArray(keys) ||
    !keys.every(key => typeof key === 'string' && CONFIG_KEY.test(key)) ||
    new Set(keys).size !== keys.length
  ) {
    throw new SettingsError(
      `${where}.credentialKeys must list the config fields the credentials Secret holds, each once (lower-case letters, digits, underscores).`,
    );
  }
  const config = readConfig(raw.config, service);
  return {
    title: raw.title,
    destination: raw.destination as DestinationFormat,
    credentialKeys: [...(keys as string[])],
    ...(config ? { config } : {}),
  };
}

function readConnectors(raw: unknown): Record<string, FivetranConnector> {
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    throw new SettingsError(
      'connectors must name at least one connector type the platform offers.',
    );
  }
  return Object.fromEntries(
    Object.entries(raw).map(([service, connector]) => [
      service,
      readConnector(connector, service),
    ]),
  );
}

function readProviderConfigRef(
  raw: unknown,
): FivetranSettings['providerConfigRef'] {
  const ref = isRecord(raw) ? raw : {};
  if (
    (ref.kind !== 'ProviderConfig' && ref.kind !== 'ClusterProviderConfig') ||
    !text(ref.name, SECRET_NAME, 253)
  ) {
    throw new SettingsError(
      "providerConfigRef must name provider-http's ProviderConfig or ClusterProviderConfig (kind and name).",
    );
  }
  return { kind: ref.kind, name: ref.name as string };
}

/**
 * The platform's Fivetran settings from their raw form. Throws an Error that
 * says what to set. A group is needed for every project: `group` for all, or
 * one per project under `projects`.
 */
export function readFivetranSettings(raw: unknown): FivetranSettings {
  if (!isRecord(raw)) {
    throw new SettingsError('they must be a set of fields.');
  }
  const apiUrl = raw.apiUrl ?? DEFAULT_FIVETRAN_API_URL;
  if (!text(apiUrl, API_URL, 200)) {
    throw new SettingsError(
      `apiUrl must be Fivetran's API as an https address with no path, such as ${DEFAULT_FIVETRAN_API_URL}.`,
    );
  }
  const group =
    raw.groupId === undefined && raw.serviceAccountEmail === undefined
      ? undefined
      : readGroup(raw, WHERE);
  const projects = readProjects(raw.projects);
  if (!group && Object.keys(projects).length === 0) {
    throw new SettingsError(
      "groupId and serviceAccountEmail are missing: give the Fivetran group whose BigQuery destination is the project's (or one per project under projects).",
    );
  }
  return {
    ...(group ? { group } : {}),
    projects,
    apiUrl: apiUrl as string,
    apiKeySecret: readSecretRef(raw.apiKeySecret),
    connectors: readConnectors(raw.connectors),
    providerConfigRef: readProviderConfigRef(raw.providerConfigRef),
  };
}

/** The group of a project, or undefined when the platform gave it none. */
export function groupOfProject(
  settings: FivetranSettings,
  project: string,
): FivetranGroup | undefined {
  return Object.prototype.hasOwnProperty.call(settings.projects, project)
    ? settings.projects[project]
    : settings.group;
}

/** The connector type of that name the platform offers, if any. */
export function connectorOf(
  settings: FivetranSettings,
  service: string,
): FivetranConnector | undefined {
  return Object.prototype.hasOwnProperty.call(settings.connectors, service)
    ? settings.connectors[service]
    : undefined;
}
