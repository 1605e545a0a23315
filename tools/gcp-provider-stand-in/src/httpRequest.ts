import { createHash } from 'crypto';
import { ConditionSpec } from './conditions';
import { ManagedKind, ManagedResource } from './managedKinds';

/**
 * provider-http's namespaced Request (v1.0.x), which the Fivetran capability
 * composes to create a connection through Fivetran's REST API. Watched only
 * where its CRD is installed.
 */
export const HTTP_REQUEST_KIND: ManagedKind = {
  group: 'http.m.crossplane.io',
  version: 'v1alpha2',
  kind: 'Request',
  plural: 'requests',
  scope: 'Namespaced',
};

/** Whether a kind is provider-http's Request. */
export const isHttpRequestKind = (kind: { kind: string; group?: string }) =>
  kind.kind === HTTP_REQUEST_KIND.kind &&
  (kind.group === undefined || kind.group === HTTP_REQUEST_KIND.group);

/** What provider-http writes of a Request beside its conditions. */
export type RequestObservation = {
  response: {
    statusCode: number;
    headers: Record<string, string[]>;
    body: string;
  };
  requestDetails: { method: string; url: string };
  /** Failed requests in a row, as provider-http counts them. */
  failed?: number;
  error?: string;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** forProvider.payload: the base URL and the (JSON) body the mappings send. */
function payloadOf(resource: ManagedResource): {
  baseUrl: string;
  body: Record<string, unknown>;
} {
  const payload = resource.spec?.forProvider?.payload;
  const baseUrl =
    isRecord(payload) && typeof payload.baseUrl === 'string'
      ? payload.baseUrl
      : '';
  let body: unknown = {};
  if (isRecord(payload) && typeof payload.body === 'string') {
    try {
      body = JSON.parse(payload.body);
    } catch {
      body = {};
    }
  }
  return { baseUrl, body: isRecord(body) ? body : {} };
}

/** The id Fivetran gives the connection: stable for the same Request. */
function connectionId(resource: ManagedResource) {
  const digest = createHash('sha256')
    .update(`${resource.metadata?.namespace}/${resource.metadata?.name}`)
    .digest('hex');
  return `stand_in_${digest.slice(0, 12)}`;
}

const JSON_HEADERS = { 'Content-Type': ['application/json;version=2'] };

/**
 * What provider-http reports once Fivetran has created the connection the
 * Request posts: its last request is the OBSERVE mapping's GET of the
 * connection, answered 200 with Fivetran's `{code, data}`, the data echoing
 * what was created (never the config, whose credentials Fivetran masks).
 */
export function createdRequest(resource: ManagedResource): {
  conditions: ConditionSpec[];
  observation: RequestObservation;
} {
  const { baseUrl, body } = payloadOf(resource);
  const id = connectionId(resource);
  const config = isRecord(body.config) ? body.config : {};
  return {
    conditions: [
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      { type: 'Ready', status: 'True', reason: 'Available' },
    ],
    observation: {
      response: {
        statusCode: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          code: 'Success',
          data: {
            id,
            group_id: body.group_id,
            service: body.service,
            schema: config.schema,
            paused: body.paused,
            sync_frequency: body.sync_frequency,
            status: { setup_state: 'connected', sync_state: 'scheduled' },
          },
        }),
      },
      requestDetails: { method: 'GET', url: `${baseUrl}/${id}` },
    },
  };
}

/**
 * What provider-http reports when the create was answered with an error
 * (requested with the fail annotation): the answer, one failure counted,
 * and Synced=False with the status code; the Request is not Ready.
 */
export function failedRequest(
  resource: ManagedResource,
  message: string,
): { conditions: ConditionSpec[]; observation: RequestObservation } {
  const { baseUrl } = payloadOf(resource);
  const statusCode = 400;
  const error = `HTTP POST request failed with status code: ${statusCode}`;
  return {
    conditions: [
      {
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message: `create failed: ${error}`,
      },
      { type: 'Ready', status: 'False', reason: 'Creating' },
    ],
    observation: {
      response: {
        statusCode,
        headers: JSON_HEADERS,
        body: JSON.stringify({ code: 'InvalidInput', message }),
      },
      requestDetails: { method: 'POST', url: baseUrl },
      failed: 1,
      error,
    },
  };
}
