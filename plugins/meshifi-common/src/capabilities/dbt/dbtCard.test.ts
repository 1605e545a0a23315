import fc from 'fast-check';
import { dbtCard } from './dbtCard';
import { hostileText, spec } from './__testUtils__/dbtFixtures';

describe('dbtCard', () => {
  it('says the schedule in words, the command, the project with its page, and the last run', () => {
    expect(
      dbtCard({
        spec: { ...spec, path: 'sales/orders', command: 'dbt run' },
        status: {
          lastRun: 'succeeded',
          timeZone: 'Europe/Paris',
          lastScheduleTime: '2026-12-02T06:00:00Z',
          lastSuccessfulTime: '2026-12-02T06:04:30Z',
        },
      }),
    ).toEqual({
      title: 'dbt models',
      state: { label: 'Last run succeeded', tone: 'ok' },
      facts: [
        { label: 'Schedule', value: 'every day at 06:00 (Europe/Paris)' },
        { label: 'Command', value: 'dbt run' },
        {
          label: 'Project',
          value: `${spec.repository} (sales/orders)`,
          href: 'https://github.com/acme/sales-dbt/tree/main/sales/orders',
        },
        {
          label: 'Last run',
          value: 'Succeeded, finished 2026-12-02 06:04 UTC',
        },
      ],
    });
  });

  it.each([
    ['never', 'Not run yet', 'pending', 'Not yet'],
    ['running', 'Running', 'pending', 'Running, started 2026-12-02 06:00 UTC'],
    [
      'failed',
      'Last run failed',
      'error',
      'Failed, started 2026-12-02 06:00 UTC',
    ],
  ])('shows a %s run', (lastRun, label, tone, fact) => {
    const card = dbtCard({
      spec,
      status: { lastRun, lastScheduleTime: '2026-12-02T06:00:00Z' },
    });
    expect(card.state).toMatchObject({ label, tone });
    expect(card.facts.find(f => f.label === 'Last run')?.value).toBe(fact);
  });

  it('says the failed run can be tried with the owner target', () => {
    expect(
      dbtCard({ spec, status: { lastRun: 'failed' } }).state?.detail,
    ).toContain('--target owner');
  });

  it('is being set up before the XR reports anything', () => {
    expect(dbtCard({ spec }).state).toMatchObject({
      label: 'Being set up',
      tone: 'pending',
    });
  });

  it('never throws, and links only to an https address that passed the rules', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            repository: hostileText,
            path: hostileText,
            schedule: hostileText,
            command: hostileText,
            revision: hostileText,
          },
          { requiredKeys: [] },
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.dictionary(fc.string(), fc.anything()),
        ),
        (candidate, status) => {
          const card = dbtCard({ spec: candidate as never, status });
          const href = card.facts.find(f => f.label === 'Project')?.href;
          expect(href ?? 'https://none').toMatch(/^https:\/\/[A-Za-z0-9]/);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
