import { ValidationError } from '../../validation/Problem';
import { CapabilityFormPage } from '../Capability';
import { fivetranProblems } from './fivetranProblems';
import { frequencyInWords } from './fivetranCard';
import {
  CONNECTION_NAME_MAX_LENGTH,
  CONNECTION_NAME_PATTERN,
  FivetranConnection,
  FivetranSpec,
  SECRET_NAME_PATTERN,
  SyncFrequency,
  SYNC_FREQUENCIES,
} from './fivetranSchema';
import { FivetranSettings } from './fivetranSettings';

/** The Create form's Fivetran page: its answers come under `fivetran`. */
export const fivetranFormPage: CapabilityFormPage = {
  title: 'Fivetran',
  description:
    "Load sources into the product's raw dataset with Fivetran. The platform team keeps each source's credentials in a Kubernetes Secret: you only name it.",
  schema: {
    type: 'object',
    properties: {
      enabled: {
        type: 'boolean',
        title: 'Load sources with Fivetran',
        default: false,
      },
    },
    dependencies: {
      enabled: {
        oneOf: [
          { properties: { enabled: { const: false } } },
          {
            properties: {
              enabled: { const: true },
              connections: {
                type: 'array',
                title: 'Connections',
                minItems: 1,
                items: {
                  type: 'object',
                  required: [
                    'name',
                    'connector',
                    'syncFrequency',
                    'credentialsSecret',
                  ],
                  properties: {
                    name: {
                      type: 'string',
                      title: 'Name',
                      description:
                        'A short name, unique in the product, such as "shop".',
                      maxLength: CONNECTION_NAME_MAX_LENGTH,
                      pattern: CONNECTION_NAME_PATTERN,
                    },
                    connector: {
                      type: 'string',
                      title: 'Connector',
                      description:
                        'The Fivetran connector type, such as google_sheets: one the platform offers.',
                    },
                    syncFrequency: {
                      type: 'integer',
                      title: 'Sync',
                      default: 360,
                      oneOf: SYNC_FREQUENCIES.map(minutes => ({
                        const: minutes,
                        title: frequencyInWords(minutes),
                      })),
                    },
                    credentialsSecret: {
                      type: 'string',
                      title: 'Credentials Secret',
                      description:
                        "The Kubernetes Secret, in the product's namespace, with the source's credentials. Ask the platform team for its name.",
                      pattern: SECRET_NAME_PATTERN,
                    },
                  },
                },
              },
            },
            required: ['connections'],
          },
        ],
      },
    },
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A form's number may come as text: "60" is 60. */
function frequencyOf(value: unknown): unknown {
  if (typeof value === 'string' && /^[0-9]{1,4}$/.test(value)) {
    return Number(value);
  }
  return value;
}

/** One connection as the page answered it, trimmed of what it is not. */
function connectionOf(answer: unknown): unknown {
  if (!isRecord(answer)) {
    return answer;
  }
  const trim = (value: unknown) =>
    typeof value === 'string' ? value.trim() : value;
  return {
    name: trim(answer.name),
    connector: trim(answer.connector),
    syncFrequency: frequencyOf(answer.syncFrequency),
    credentialsSecret: trim(answer.credentialsSecret),
  };
}

/**
 * spec.capabilities.fivetran from the page's answers: undefined when the
 * analyst did not turn Fivetran on. Throws a ValidationError naming what to
 * fix, with the platform's connectors where they are known.
 */
export function fivetranFromAnswers(
  answers: unknown,
  target: { settings?: FivetranSettings },
): FivetranSpec | undefined {
  if (!isRecord(answers) || answers.enabled !== true) {
    return undefined;
  }
  const connections = Array.isArray(answers.connections)
    ? answers.connections.map(connectionOf)
    : answers.connections;
  const spec = { connections };
  const problems = fivetranProblems(spec, target.settings);
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  return {
    connections: (connections as FivetranConnection[]).map(c => ({
      name: c.name,
      connector: c.connector,
      syncFrequency: c.syncFrequency as SyncFrequency,
      credentialsSecret: c.credentialsSecret,
    })),
  };
}
