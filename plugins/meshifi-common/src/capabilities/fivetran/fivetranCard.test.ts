import fc from 'fast-check';
import { fivetranCard, frequencyInWords } from './fivetranCard';
import { SYNC_FREQUENCIES } from './fivetranSchema';
import { spec } from './testing/fixtures';

const status = (...states: Array<[string, string, string?]>) => ({
  connections: states.map(([name, state, message]) => ({
    name,
    state,
    ...(message ? { message } : {}),
  })),
});

describe('fivetranCard', () => {
  it('lists each connection with its connector, how often and how it is doing', () => {
    const card = fivetranCard({
      spec,
      status: status(['shop', 'created'], ['payments', 'pending']),
    });
    expect(card.title).toBe('Fivetran connections');
    expect(card.facts).toEqual([
      { label: 'shop', value: 'google_sheets, hourly: created' },
      { label: 'payments', value: 'stripe, every 6 hours: being created' },
    ]);
    expect(card.state).toEqual({ label: 'Being created', tone: 'pending' });
  });

  it('is Loading when every connection is created', () => {
    expect(
      fivetranCard({
        spec,
        status: status(['shop', 'created'], ['payments', 'created']),
      }).state,
    ).toEqual({ label: 'Loading', tone: 'ok' });
  });

  it('says which connection failed and why', () => {
    expect(
      fivetranCard({
        spec,
        status: status(
          ['shop', 'failed', '401 Unauthorized'],
          ['payments', 'created'],
        ),
      }).state,
    ).toEqual({
      label: 'Failed',
      tone: 'error',
      detail: 'shop: 401 Unauthorized',
    });
  });

  it('asks for attention when a created connection cannot sync', () => {
    expect(
      fivetranCard({
        spec,
        status: status(
          ['shop', 'created', 'setup is broken'],
          ['payments', 'created'],
        ),
      }).state,
    ).toEqual({
      label: 'Needs attention',
      tone: 'warning',
      detail: 'shop: setup is broken',
    });
  });

  it('is being created before any status', () => {
    expect(fivetranCard({ spec }).state?.tone).toBe('pending');
  });

  it('says every offered frequency in words', () => {
    expect(SYNC_FREQUENCIES.map(frequencyInWords)).toEqual([
      'every 5 minutes',
      'every 15 minutes',
      'every 30 minutes',
      'hourly',
      'every 2 hours',
      'every 3 hours',
      'every 6 hours',
      'every 8 hours',
      'every 12 hours',
      'daily',
    ]);
  });

  it('draws a card from any status, never crashing (fast-check)', () => {
    fc.assert(
      fc.property(fc.anything(), value => {
        const card = fivetranCard({
          spec,
          status: value as Record<string, unknown>,
        });
        expect(card.facts).toHaveLength(2);
        expect(['ok', 'pending', 'warning', 'error']).toContain(
          card.state?.tone,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
