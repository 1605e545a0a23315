import { desiredState, isUpToDate } from './desiredState';
import { FAIL_ANNOTATION } from './failures';
import { HTTP_REQUEST_KIND } from './httpRequest';
import { ManagedResource } from './managedKinds';

const now = new Date('2026-03-01T10:00:00.123Z');
const later = new Date('2026-03-01T10:05:00Z');

const createBody = {
  group_id: 'projected_sickle',
  service: 'google_sheets',
  paused: false,
  sync_frequency: 360,
  config: {
    schema: 'customer_orders_raw',
    table: 'orders',
    api_key: '{{ orders-sheet:sales:api_key }}',
  },
};

/** A Request as the Fivetran capability composes it, the parts the stand-in reads. */
const request = (
  overrides: Partial<ManagedResource> = {},
): ManagedResource => ({
  apiVersion: 'http.m.crossplane.io/v1alpha2',
  kind: 'Request',
  metadata: {
    name: 'customer-orders.orders',
    namespace: 'sales',
    generation: 1,
  },
  spec: {
    forProvider: {
      payload: {
        baseUrl: 'https://api.fivetran.com/v1/connections',
        body: JSON.stringify(createBody),
      },
    },
  },
  ...overrides,
});

const written = (resource: ManagedResource, at: Date): ManagedResource => ({
  ...resource,
  status: desiredState(HTTP_REQUEST_KIND, resource, at)
    .status as ManagedResource['status'],
});

const conditions = (resource: ManagedResource) =>
  Object.fromEntries(
    desiredState(HTTP_REQUEST_KIND, resource, now).status.conditions.map(c => [
      c.type,
      [c.status, c.reason],
    ]),
  );

describe("desiredState of provider-http's Request", () => {
  it("reports the connection created: Synced and Ready, with Fivetran's answer to its GET", () => {
    const { status, externalName } = desiredState(
      HTTP_REQUEST_KIND,
      request(),
      now,
    );
    expect(externalName).toBeUndefined();
    expect(conditions(request())).toEqual({
      Synced: ['True', 'ReconcileSuccess'],
      Ready: ['True', 'Available'],
    });
    expect(status.observedGeneration).toBe(1);
    expect(status.response?.statusCode).toBe(200);
    const answer = JSON.parse(status.response!.body);
    expect(answer).toEqual({
      code: 'Success',
      data: {
        id: expect.stringMatching(/^[a-z0-9_]+$/),
        group_id: 'projected_sickle',
        service: 'google_sheets',
        schema: 'customer_orders_raw',
        paused: false,
        sync_frequency: 360,
        status: { setup_state: 'connected', sync_state: 'scheduled' },
      },
    });
    expect(status.requestDetails).toEqual({
      method: 'GET',
      url: `https://api.fivetran.com/v1/connections/${answer.data.id}`,
    });
    // Credentials, even as placeholders, are never echoed.
    expect(status.response!.body).not.toContain('api_key');
    expect(status.atProvider).toBeUndefined();
  });

  it('gives each Request its own connection id, the same on every pass', () => {
    const id = (resource: ManagedResource) =>
      JSON.parse(
        desiredState(HTTP_REQUEST_KIND, resource, now).status.response!.body,
      ).data.id;
    const other = request({
      metadata: {
        name: 'customer-orders.refunds',
        namespace: 'sales',
        generation: 1,
      },
    });
    expect(id(request())).toBe(id(request()));
    expect(id(other)).not.toBe(id(request()));
  });

  it('leaves a written Request alone, and writes it again when its spec changes', () => {
    const once = written(request(), now);
    expect(isUpToDate(once, desiredState(HTTP_REQUEST_KIND, once, later))).toBe(
      true,
    );
    const changed = { ...once, metadata: { ...once.metadata, generation: 2 } };
    expect(
      isUpToDate(changed, desiredState(HTTP_REQUEST_KIND, changed, later)),
    ).toBe(false);
  });

  it('reports an error answer to the create on request, and the connection once the annotation is gone', () => {
    const failing = request({
      metadata: {
        ...request().metadata,
        annotations: { [FAIL_ANNOTATION]: 'Invalid API key' },
      },
    });
    const { status } = desiredState(HTTP_REQUEST_KIND, failing, now);
    expect(conditions(failing)).toEqual({
      Synced: ['False', 'ReconcileError'],
      Ready: ['False', 'Creating'],
    });
    expect(status.failed).toBe(1);
    expect(status.error).toContain('status code: 400');
    expect(JSON.parse(status.response!.body).message).toBe('Invalid API key');

    const fixed = { ...written(failing, now), metadata: request().metadata };
    const next = desiredState(HTTP_REQUEST_KIND, fixed, later);
    expect(isUpToDate(fixed, next)).toBe(false);
    expect(next.status.failed).toBeUndefined();
    expect(next.status.error).toBeUndefined();
    expect(next.status.response?.statusCode).toBe(200);
  });

  it.each([
    ['no payload', undefined],
    ['a payload that is not an object', 'POST it'],
    [
      'a body that is not JSON',
      { baseUrl: 'https://x.invalid', body: '{"group_id":' },
    ],
    [
      'a body that is a JSON array',
      { baseUrl: 'https://x.invalid', body: '[1,2]' },
    ],
    ['a body whose config is not an object', { body: '{"config":"x"}' }],
    ['a base URL that is not a string', { baseUrl: 42, body: '{}' }],
  ])('answers a Request with %s without throwing', (_why, payload) => {
    const { status } = desiredState(
      HTTP_REQUEST_KIND,
      request({ spec: { forProvider: { payload } } }),
      now,
    );
    expect(status.response?.statusCode).toBe(200);
    expect(JSON.parse(status.response!.body).code).toBe('Success');
  });
});
