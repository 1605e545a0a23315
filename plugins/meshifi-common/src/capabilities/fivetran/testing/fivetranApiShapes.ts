/*
 * Fivetran's REST API as its API reference documents it (the "Create a
 * Connection", "Update a Connection", "Retrieve Connection Details" and
 * "Delete a Connection" pages, and the connector schema formats of the
 * OpenAPI definition it publishes), written down by hand for the tests: the
 * composed Requests are checked against this, never against our own output.
 */

/** The documented sync frequencies, in minutes. */
const SYNC_FREQUENCY = {
  type: 'integer',
  enum: [1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440],
};

/** The documented endpoints of one connection's lifecycle. */
export const CONNECTION_ENDPOINTS = {
  create: { method: 'POST', path: '/v1/connections' },
  retrieve: { method: 'GET', path: '/v1/connections/{connectionId}' },
  update: { method: 'PATCH', path: '/v1/connections/{connectionId}' },
  delete: { method: 'DELETE', path: '/v1/connections/{connectionId}' },
} as const;

/** POST /v1/connections: the documented top-level fields (NewConnectorRequestV1). */
export const createConnectionRequestShape = {
  type: 'object',
  required: ['group_id', 'service', 'config'],
  additionalProperties: false,
  properties: {
    group_id: { type: 'string', minLength: 1 },
    service: { type: 'string', minLength: 1 },
    trust_certificates: { type: 'boolean' },
    trust_fingerprints: { type: 'boolean' },
    run_setup_tests: { type: 'boolean' },
    paused: { type: 'boolean' },
    pause_after_trial: { type: 'boolean' },
    sync_frequency: SYNC_FREQUENCY,
    data_delay_sensitivity: {
      enum: ['LOW', 'NORMAL', 'HIGH', 'CUSTOM', 'SYNC_FREQUENCY'],
    },
    data_delay_threshold: { type: 'integer' },
    daily_sync_time: { type: 'string' },
    schedule_type: { enum: ['auto', 'manual'] },
    networking_method: {
      enum: ['Directly', 'PrivateLink', 'SshTunnel', 'ProxyAgent'],
    },
    destination_schema_names: { enum: ['FIVETRAN_NAMING', 'SOURCE_NAMING'] },
    config: { type: 'object' },
    auth: { type: 'object' },
  },
};

/**
 * The destination fields of `config` for each documented schema format
 * (schema_format_schema, _schema_table, _schema_table_group); the fourth,
 * schema_prefix, writes several schemas and has no counterpart here.
 */
export const destinationConfigShapes = {
  schema: {
    type: 'object',
    required: ['schema'],
    properties: { schema: { type: 'string', minLength: 1 } },
    not: { anyOf: [{ required: ['schema_prefix'] }, { required: ['table'] }] },
  },
  'schema-table': {
    type: 'object',
    required: ['schema', 'table'],
    properties: {
      schema: { type: 'string', minLength: 1 },
      table: { type: 'string', minLength: 1 },
    },
    not: { required: ['schema_prefix'] },
  },
  'schema-table-group': {
    type: 'object',
    required: ['schema', 'table_group_name'],
    properties: {
      schema: { type: 'string', minLength: 1 },
      table_group_name: { type: 'string', minLength: 1 },
    },
    not: { required: ['schema_prefix'] },
  },
} as const;

/** PATCH /v1/connections/{connectionId}: the documented fields (UpdateConnectorRequest). */
export const updateConnectionRequestShape = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    config: { type: 'object' },
    auth: { type: 'object' },
    paused: { type: 'boolean' },
    trust_certificates: { type: 'boolean' },
    trust_fingerprints: { type: 'boolean' },
    sync_frequency: SYNC_FREQUENCY,
    data_delay_threshold: { type: 'integer' },
    data_delay_sensitivity: {
      enum: ['LOW', 'NORMAL', 'HIGH', 'CUSTOM', 'SYNC_FREQUENCY'],
    },
    daily_sync_time: { type: 'string' },
    pause_after_trial: { type: 'boolean' },
    schedule_type: { enum: ['auto', 'manual'] },
    run_setup_tests: { type: 'boolean' },
    networking_method: {
      enum: ['Directly', 'PrivateLink', 'SshTunnel', 'ProxyAgent'],
    },
  },
};

/**
 * A response of the create, retrieve and update endpoints, after the
 * documented example: `{code, message, data}` with the connection in
 * `data` (its `id`, `schema`, `paused`, `sync_frequency`, `status`), and
 * credentials masked.
 */
export function documentedConnectionResponse(
  overrides: {
    id?: string;
    paused?: boolean;
    sync_frequency?: number;
    setup_state?: string;
    setup_tests?: Array<{ title: string; status: string; message: string }>;
  } = {},
) {
  return {
    code: 'Success',
    message: 'Connection has been created',
    data: {
      id: overrides.id ?? 'speak_inexpensive',
      group_id: 'projected_sickle',
      service: 'google_sheets',
      service_version: 1,
      schema: 'customer_orders_raw.shop',
      connected_by: 'monitoring_assuring',
      created_at: '2025-12-01T15:43:29.013729Z',
      succeeded_at: null,
      failed_at: null,
      paused: overrides.paused ?? false,
      pause_after_trial: false,
      sync_frequency: overrides.sync_frequency ?? 360,
      schedule_type: 'auto',
      data_delay_sensitivity: 'NORMAL',
      status: {
        setup_state: overrides.setup_state ?? 'connected',
        sync_state: 'scheduled',
        update_state: 'on_schedule',
        is_historical_sync: true,
        tasks: [],
        warnings: [],
      },
      setup_tests: overrides.setup_tests ?? [
        { title: 'Validate Login', status: 'PASSED', message: '' },
      ],
      config: { sheet_id: '******', named_range: 'orders' },
    },
  };
}

/** The documented answer of DELETE: no `data`. */
export const documentedDeleteResponse = {
  code: 'Success',
  message: "Connection with id 'speak_inexpensive' has been deleted",
};
