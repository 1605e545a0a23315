import fc from 'fast-check';
import { cronProblem, CRON_PATTERN, describeSchedule } from './cronSchedule';
import { hostileText } from './__testUtils__/dbtFixtures';
import recorded from './__testUtils__/kubernetesCronVerdicts.json';

describe('cronProblem', () => {
  it.each([
    '0 6 * * *',
    '30 7 * * 1-5',
    '*/15 * * * *',
    '0 */2 * * *',
    '0 6 1 * *',
    '0 6 * JAN-MAR MON',
    '5,35 6-18/2 * * sun',
    '59 23 31 12 6',
  ])('accepts %s', schedule => {
    expect(cronProblem(schedule)).toBeUndefined();
  });

  it.each([
    ['60 6 * * *', 'minute must be from 0 to 59'],
    ['0 24 * * *', 'hour must be from 0 to 23'],
    ['0 6 0 * *', 'day of the month must be from 1 to 31'],
    ['0 6 * 13 *', 'month must be from 1 to 12'],
    ['0 6 * * 7', 'day of the week must be from 0 to 6 (or SUN to SAT)'],
    ['0 6 * * 5-1', 'a range must not wrap around'],
    ['0 6 * * SAT-SUN', 'a range must not wrap around'],
    ['*/0 * * * *', 'whole number from 1 to 99'],
    ['0 6 * * FOO', '"FOO" is not a day of the week'],
    ['0 6 * *', 'not five fields'],
    ['0 6 * * * *', 'not five fields'],
    ['@daily', 'not five fields'],
    ['0  6 * * *', 'not five fields'],
    ['CRON_TZ=UTC 0 6 * * *', 'not five fields'],
    ['', 'Say when'],
  ])('refuses %j, saying %s', (schedule, words) => {
    expect(cronProblem(schedule)).toContain(words);
  });

  it('never throws, and what it accepts is five fields of cron characters', () => {
    const pattern = new RegExp(CRON_PATTERN);
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.anything()), value => {
        const problem = cronProblem(value);
        const accepted = problem === undefined;
        expect(accepted || typeof problem === 'string').toBe(true);
        expect(!accepted || pattern.test(value as string)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts every schedule of values in range', () => {
    const field = (min: number, max: number) =>
      fc.oneof(
        fc.constant('*'),
        fc.integer({ min, max }).map(String),
        fc
          .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
          .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
        fc.integer({ min: 1, max: 99 }).map(step => `*/${step}`),
      );
    fc.assert(
      fc.property(
        fc.tuple(
          field(0, 59),
          field(0, 23),
          field(1, 31),
          field(1, 12),
          field(0, 6),
        ),
        fields => {
          expect(cronProblem(fields.join(' '))).toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('describeSchedule', () => {
  it.each([
    ['0 6 * * *', undefined, 'every day at 06:00'],
    [
      '30 7 * * 1-5',
      'Europe/Paris',
      'Mondays to Fridays at 07:30 (Europe/Paris)',
    ],
    ['0 6 * * 1', undefined, 'every Monday at 06:00'],
    ['0 6 * * SUN', undefined, 'every Sunday at 06:00'],
    ['0 6 15 * *', undefined, 'on day 15 of every month at 06:00'],
    ['0 * * * *', undefined, 'every hour, on the hour'],
    ['20 * * * *', undefined, 'every hour at 20 minutes past'],
    ['*/15 * * * *', undefined, 'every 15 minutes'],
    ['0 6 * 1 *', 'UTC', 'on the schedule "0 6 * 1 *" (UTC)'],
  ])('says %s (%s) as %j', (schedule, zone, words) => {
    expect(describeSchedule(schedule, zone)).toBe(words);
  });
});

describe('cronProblem against Kubernetes', () => {
  const { verdicts } = recorded as { verdicts: Record<string, true | string> };
  const schedules = Object.keys(verdicts);

  it('refuses every schedule kube-apiserver refused', () => {
    const refusedByKubernetes = schedules.filter(s => verdicts[s] !== true);
    expect(refusedByKubernetes.length).toBeGreaterThan(100);
    expect(
      refusedByKubernetes.filter(
        schedule => cronProblem(schedule) === undefined,
      ),
    ).toEqual([]);
  });

  it('accepts what Kubernetes accepted, but for the forms it leaves out on purpose', () => {
    const acceptedByKubernetes = schedules.filter(s => verdicts[s] === true);
    // @daily, ? and steps of 100 or more are Kubernetes' but not meshifi's.
    const onPurpose = /^@|\?|\/[0-9]{3,}/;
    expect(
      acceptedByKubernetes.filter(
        schedule =>
          !onPurpose.test(schedule) && cronProblem(schedule) !== undefined,
      ),
    ).toEqual([]);
    expect(acceptedByKubernetes.length).toBeGreaterThan(100);
  });
});
