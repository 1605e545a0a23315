import fc from 'fast-check';
import { dbtStatusOf, lastRunOf } from './dbtStatus';
import { spec } from './__testUtils__/dbtFixtures';

const cronJob = (status: unknown) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'customer-orders-dbt' },
  status,
});

describe('lastRunOf', () => {
  it.each([
    [undefined, 'never'],
    [{}, 'never'],
    [
      {
        active: [{ name: 'customer-orders-dbt-29000000' }],
        lastScheduleTime: '2026-12-02T06:00:00Z',
      },
      'running',
    ],
    [
      {
        lastScheduleTime: '2026-12-02T06:00:00Z',
        lastSuccessfulTime: '2026-12-02T06:04:10Z',
      },
      'succeeded',
    ],
    [
      {
        lastScheduleTime: '2026-12-02T06:00:00Z',
        lastSuccessfulTime: '2026-12-01T06:03:00Z',
      },
      'failed',
    ],
    [{ lastScheduleTime: '2026-12-02T06:00:00Z' }, 'failed'],
    [{ lastSuccessfulTime: '2026-12-02T06:04:10Z' }, 'succeeded'],
  ])('reads %j as %s', (status, state) => {
    expect(lastRunOf(status)).toBe(state);
  });

  it('reads any status as one of the four states', () => {
    fc.assert(
      fc.property(fc.anything(), status => {
        expect(['never', 'running', 'succeeded', 'failed']).toContain(
          lastRunOf(status),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dbtStatusOf', () => {
  it('says never when the CronJob is not observed, as on a cluster where no controller runs it', () => {
    expect(dbtStatusOf(spec, undefined, undefined)).toEqual({
      schedule: '0 6 * * *',
      repository: spec.repository,
      active: 0,
      lastRun: 'never',
    });
  });

  it('copies the times and counts the active runs', () => {
    expect(
      dbtStatusOf(
        spec,
        { timeZone: 'Europe/Paris' },
        cronJob({
          active: [{ name: 'a' }],
          lastScheduleTime: '2026-12-02T06:00:00Z',
          lastSuccessfulTime: '2026-12-01T06:04:00Z',
        }),
      ),
    ).toEqual({
      schedule: '0 6 * * *',
      timeZone: 'Europe/Paris',
      repository: spec.repository,
      lastScheduleTime: '2026-12-02T06:00:00Z',
      lastSuccessfulTime: '2026-12-01T06:04:00Z',
      active: 1,
      lastRun: 'running',
    });
  });
});
