import type { KubernetesObject } from '../../model/types';
import { MeshifiSchema } from '../../schema/jsonSchema';
import { CapabilityStatusInput } from '../Capability';
import { connectionKey } from './composeFivetran';
import { FivetranSpec } from './fivetranSchema';
import { FivetranSettings } from './fivetranSettings';

/** How a connection is doing, as its Request shows it. */
export const CONNECTION_STATES = ['created', 'pending', 'failed'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** One connection in status.capabilities.fivetran.connections. */
export type ConnectionStatus = {
  name: string;
  connector: string;
  syncFrequency: number;
  state: ConnectionState;
  /** Why, when it is not plainly created. */
  message?: string;
  /** Fivetran's id of the connection, once created. */
  connectionId?: string;
};

/** status.capabilities.fivetran. */
export type FivetranStatus = { connections: ConnectionStatus[] };

/** The schema of status.capabilities.fivetran. */
export const fivetranStatusSchema: MeshifiSchema = {
  type: 'object',
  properties: {
    connections: {
      type: 'array',
      'x-kubernetes-list-type': 'atomic',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          connector: { type: 'string' },
          syncFrequency: { type: 'integer' },
          state: { type: 'string', enum: [...CONNECTION_STATES] },
          message: { type: 'string' },
          connectionId: { type: 'string' },
        },
      },
    },
  },
};

/** Messages stay short: a status is read on a card. */
const MAX_MESSAGE = 300;

const short = (message: string) =>
  message.length > MAX_MESSAGE
    ? `${message.slice(0, MAX_MESSAGE - 1)}…`
    : message;

type RequestStatus = {
  conditions?: Array<{ type?: unknown; status?: unknown; message?: unknown }>;
  response?: { statusCode?: unknown; body?: unknown };
  error?: unknown;
};

type FivetranAnswer = {
  data?: {
    id?: unknown;
    status?: { setup_state?: unknown };
    setup_tests?: Array<{
      status?: unknown;
      message?: unknown;
      title?: unknown;
    }>;
  };
};

/** Fivetran's answer in the Request's status, when it is JSON. */
function answerOf(status: RequestStatus): FivetranAnswer | undefined {
  const body = status.response?.body;
  if (typeof body !== 'string') {
    return undefined;
  }
  try {
    const parsed = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const conditionOf = (status: RequestStatus, type: string) =>
  (Array.isArray(status.conditions) ? status.conditions : []).find(
    c => c && c.type === type,
  );

/** Why Fivetran's setup tests say the connection cannot sync yet, if they do. */
function setupMessage(answer: FivetranAnswer | undefined): string | undefined {
  const state = answer?.data?.status?.setup_state;
  if (state !== 'incomplete' && state !== 'broken') {
    return undefined;
  }
  const tests = Array.isArray(answer?.data?.setup_tests)
    ? answer!.data!.setup_tests!
    : [];
  const failed = tests.find(
    t => t && (t.status === 'FAILED' || t.status === 'JOB_FAILED'),
  );
  const why =
    failed && typeof failed.message === 'string' ? `: ${failed.message}` : '';
  return `Fivetran created the connection, but its setup is ${state}${why}. Check the credentials Secret with the platform team.`;
}

/** Why the Request is not synced: its condition's words, else its error's. */
function failure(synced: { message?: unknown }, status: RequestStatus): string {
  if (typeof synced.message === 'string' && synced.message !== '') {
    return synced.message;
  }
  if (typeof status.error === 'string' && status.error !== '') {
    return status.error;
  }
  return 'provider-http could not reach Fivetran.';
}

/** The state of one connection from its observed Request. */
export function connectionState(
  observed: KubernetesObject | undefined,
): Pick<ConnectionStatus, 'state' | 'message' | 'connectionId'> {
  if (!observed) {
    return {
      state: 'pending',
      message: 'Waiting for Crossplane to create the connection.',
    };
  }
  const status = (observed.status ?? {}) as RequestStatus;
  const answer = answerOf(status);
  const id = answer?.data?.id;
  const connectionId = typeof id === 'string' ? { connectionId: id } : {};
  const synced = conditionOf(status, 'Synced');
  if (synced?.status === 'False') {
    return {
      state: 'failed',
      message: short(failure(synced, status)),
      ...connectionId,
    };
  }
  if (conditionOf(status, 'Ready')?.status === 'True') {
    const setup = setupMessage(answer);
    return {
      state: 'created',
      ...(setup ? { message: short(setup) } : {}),
      ...connectionId,
    };
  }
  return {
    state: 'pending',
    message: 'Fivetran is creating the connection.',
    ...connectionId,
  };
}

/** status.capabilities.fivetran from the Requests Crossplane observed. */
export function fivetranStatus({
  spec,
  observed,
}: CapabilityStatusInput<FivetranSpec, FivetranSettings>): FivetranStatus {
  return {
    connections: spec.connections.map(connection => ({
      name: connection.name,
      connector: connection.connector,
      syncFrequency: connection.syncFrequency,
      ...connectionState(observed[connectionKey(connection.name)]),
    })),
  };
}
