import { Problem } from '../../validation/Problem';
import {
  CONNECTION_NAME_MAX_LENGTH,
  CONNECTION_NAME_PATTERN,
  CONNECTOR_MAX_LENGTH,
  CONNECTOR_PATTERN,
  MAX_CONNECTIONS,
  SECRET_NAME_MAX_LENGTH,
  SECRET_NAME_PATTERN,
  SYNC_FREQUENCIES,
} from './fivetranSchema';
import { connectorOf, FivetranSettings } from './fivetranSettings';

const PATH = 'spec.capabilities.fivetran';
const NAME = new RegExp(CONNECTION_NAME_PATTERN);
const CONNECTOR = new RegExp(CONNECTOR_PATTERN);
const SECRET = new RegExp(SECRET_NAME_PATTERN);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const matches = (value: unknown, pattern: RegExp, max: number) =>
  typeof value === 'string' && value.length <= max && pattern.test(value);

/** Quotes a value an analyst gave, short and on one line, for a message. */
const quoted = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number'
    ? JSON.stringify(String(value).slice(0, 40).replace(/\s+/g, ' '))
    : `a value of type ${value === null ? 'null' : typeof value}`;

function offered(settings: FivetranSettings): string {
  return Object.entries(settings.connectors)
    .map(([service, connector]) => `${service} (${connector.title})`)
    .join(', ');
}

/** What is wrong with one connection on its own. */
function connectionProblems(
  connection: unknown,
  at: string,
  settings: FivetranSettings | undefined,
): Problem[] {
  if (!isRecord(connection)) {
    return [
      {
        path: at,
        message:
          'A connection needs a name, a connector, a sync frequency and a credentials Secret.',
      },
    ];
  }
  const problems: Problem[] = [];
  const { name, connector, syncFrequency, credentialsSecret } = connection;
  if (!matches(name, NAME, CONNECTION_NAME_MAX_LENGTH)) {
    problems.push({
      path: `${at}.name`,
      message: `Name the connection with lower-case letters, digits and single dashes, starting with a letter, at most ${CONNECTION_NAME_MAX_LENGTH} characters, for example "shop".`,
    });
  }
  if (!matches(connector, CONNECTOR, CONNECTOR_MAX_LENGTH)) {
    problems.push({
      path: `${at}.connector`,
      message:
        'Give a Fivetran connector type the platform offers, such as google_sheets.',
    });
  } else if (settings && !connectorOf(settings, connector as string)) {
    problems.push({
      path: `${at}.connector`,
      message: `The connector ${quoted(
        connector,
      )} is not one this platform offers: pick one of ${offered(
        settings,
      )}, or ask the platform team to add it.`,
    });
  }
  if (!SYNC_FREQUENCIES.includes(syncFrequency as never)) {
    problems.push({
      path: `${at}.syncFrequency`,
      message: `Sync every ${SYNC_FREQUENCIES.join(', ')} minutes: ${quoted(
        syncFrequency,
      )} is not one Fivetran offers.`,
    });
  }
  if (!matches(credentialsSecret, SECRET, SECRET_NAME_MAX_LENGTH)) {
    problems.push({
      path: `${at}.credentialsSecret`,
      message:
        'Give the name of the Kubernetes Secret with the source\'s credentials: lower-case letters, digits, dashes and dots, such as "shop-credentials".',
    });
  }
  return problems;
}

/**
 * Connections of connectors that load a whole schema are named after it by
 * Fivetran, so only one of them fits the raw dataset.
 */
function wholeSchemaProblems(
  connections: unknown[],
  settings: FivetranSettings,
): Problem[] {
  const whole = connections
    .map((connection, index) => ({ connection, index }))
    .filter(({ connection }) => {
      const service = isRecord(connection) ? connection.connector : undefined;
      return (
        typeof service === 'string' &&
        connectorOf(settings, service)?.destination === 'schema'
      );
    });
  return whole.slice(1).map(({ index }) => ({
    path: `${PATH}.connections.${index}.connector`,
    message: `Fivetran names a connection of this connector after the dataset it loads, and ${
      whole.length
    } connections of such connectors would load the product's raw dataset: keep one, or load the others through connectors that write one table (${
      Object.entries(settings.connectors)
        .filter(([, c]) => c.destination !== 'schema')
        .map(([service]) => service)
        .join(', ') || 'ask the platform team'
    }).`,
  }));
}

/**
 * What the schema cannot say about spec.capabilities.fivetran: names used
 * twice, a sync frequency Fivetran does not offer, and with the platform's
 * settings, connectors it does not offer and more than one connection named
 * after the raw dataset. Never throws, whatever it is given.
 */
export function fivetranProblems(
  spec: unknown,
  settings?: FivetranSettings,
): Problem[] {
  const connections = isRecord(spec) ? spec.connections : undefined;
  if (
    !Array.isArray(connections) ||
    connections.length === 0 ||
    connections.length > MAX_CONNECTIONS
  ) {
    return [
      {
        path: `${PATH}.connections`,
        message: `List between 1 and ${MAX_CONNECTIONS} connections, or turn Fivetran off.`,
      },
    ];
  }
  const problems = connections.flatMap((connection, index) =>
    connectionProblems(connection, `${PATH}.connections.${index}`, settings),
  );
  const seen = new Set<unknown>();
  connections.forEach((connection, index) => {
    const name = isRecord(connection) ? connection.name : undefined;
    if (typeof name === 'string' && seen.has(name)) {
      problems.push({
        path: `${PATH}.connections.${index}.name`,
        message: `The connection name ${quoted(
          name,
        )} is used twice: give each connection its own name.`,
      });
    }
    seen.add(name);
  });
  return settings
    ? [...problems, ...wholeSchemaProblems(connections, settings)]
    : problems;
}
