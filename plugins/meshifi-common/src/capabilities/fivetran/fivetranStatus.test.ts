import fc from 'fast-check';
import type { KubernetesObject } from '../../model/types';
import { connectionState, fivetranStatus } from './fivetranStatus';
import { context, settings, spec } from './testing/fixtures';
import { documentedConnectionResponse } from './testing/fivetranApiShapes';

/** A Request as provider-http reports it. */
const request = (status: Record<string, unknown>): KubernetesObject => ({
  apiVersion: 'http.m.crossplane.io/v1alpha2',
  kind: 'Request',
  metadata: { name: 'customer-orders.shop', namespace: 'sales' },
  status,
});

const condition = (type: string, status: string, message?: string) => ({
  type,
  status,
  reason: status === 'True' ? 'Available' : 'ReconcileError',
  lastTransitionTime: '2026-12-02T10:00:00Z',
  ...(message ? { message } : {}),
});

const answered = (body: unknown) => ({
  statusCode: 200,
  headers: {},
  body: JSON.stringify(body),
});

describe('the state of a connection', () => {
  it('is pending before Crossplane has made the Request', () => {
    expect(connectionState(undefined)).toEqual({
      state: 'pending',
      message: 'Waiting for Crossplane to create the connection.',
    });
  });

  it("is created, with Fivetran's id, once the Request is Ready", () => {
    expect(
      connectionState(
        request({
          conditions: [condition('Synced', 'True'), condition('Ready', 'True')],
          response: answered(
            documentedConnectionResponse({ id: 'speak_inexpensive' }),
          ),
        }),
      ),
    ).toEqual({ state: 'created', connectionId: 'speak_inexpensive' });
  });

  it("is created but says why when Fivetran's setup tests failed", () => {
    const { state, message } = connectionState(
      request({
        conditions: [condition('Synced', 'True'), condition('Ready', 'True')],
        response: answered(
          documentedConnectionResponse({
            setup_state: 'broken',
            setup_tests: [
              {
                title: 'Validate Login',
                status: 'FAILED',
                message: 'Invalid login credentials.',
              },
            ],
          }),
        ),
      }),
    );
    expect(state).toBe('created');
    expect(message).toBe(
      'Fivetran created the connection, but its setup is broken: Invalid login credentials.. Check the credentials Secret with the platform team.',
    );
  });

  it("is failed, with provider-http's words, when the Request is not Synced", () => {
    expect(
      connectionState(
        request({
          conditions: [
            condition(
              'Synced',
              'False',
              'failed to get secret shop-sheet:sales',
            ),
            condition('Ready', 'False'),
          ],
        }),
      ),
    ).toEqual({
      state: 'failed',
      message: 'failed to get secret shop-sheet:sales',
    });
  });

  it('is pending while the Request is Synced but not Ready', () => {
    expect(
      connectionState(request({ conditions: [condition('Synced', 'True')] }))
        .state,
    ).toBe('pending');
  });

  it('is always one of the states, with a short message, whatever the status holds (fast-check)', () => {
    const status = fc.oneof(
      fc.anything(),
      fc.record(
        {
          conditions: fc.oneof(
            fc.anything(),
            fc.array(
              fc.record({
                type: fc.constantFrom('Synced', 'Ready', 'Other'),
                status: fc.constantFrom('True', 'False', 'Unknown'),
                message: fc.oneof(
                  fc.string({ maxLength: 2000 }),
                  fc.anything(),
                ),
              }),
            ),
          ),
          response: fc.oneof(
            fc.anything(),
            fc.record({
              body: fc.oneof(fc.string(), fc.json(), fc.anything()),
            }),
          ),
          error: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(status, value => {
        const result = connectionState(
          request(value as Record<string, unknown>),
        );
        expect(['created', 'pending', 'failed']).toContain(result.state);
        expect(['string', 'undefined']).toContain(typeof result.message);
        expect((result.message ?? '').length).toBeLessThanOrEqual(300);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fivetranStatus', () => {
  it('reports every connection of the spec, by its Request', () => {
    const status = fivetranStatus({
      spec,
      context,
      settings,
      observed: {
        'fivetran-connection-shop': request({
          conditions: [condition('Ready', 'True')],
          response: answered(documentedConnectionResponse({ id: 'abc' })),
        }),
      },
    });
    expect(status).toEqual({
      connections: [
        {
          name: 'shop',
          connector: 'google_sheets',
          syncFrequency: 60,
          state: 'created',
          connectionId: 'abc',
        },
        {
          name: 'payments',
          connector: 'stripe',
          syncFrequency: 360,
          state: 'pending',
          message: 'Waiting for Crossplane to create the connection.',
        },
      ],
    });
  });
});
