import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readGrantHousekeepingSchedule } from './readGrantHousekeepingSchedule';

const read = (housekeeping?: unknown) =>
  readGrantHousekeepingSchedule(
    new ConfigReader(
      housekeeping === undefined
        ? {}
        : { meshifi: { access: { housekeeping } } },
    ),
  );

describe('readGrantHousekeepingSchedule', () => {
  it('runs every hour, first a minute after the start, on one backend at a time by default', () => {
    expect(read()).toEqual({
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      scope: 'global',
    });
  });

  it('reads the frequency as Backstage does, keeping the defaults of the other keys', () => {
    expect(read({ frequency: { minutes: 15 } })).toEqual({
      frequency: { minutes: 15 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      scope: 'global',
    });
    expect(read({ frequency: 'PT30M', timeout: 'PT2M' })).toMatchObject({
      frequency: { minutes: 30 },
      timeout: { minutes: 2 },
    });
    expect(read({ frequency: { cron: '5 0 * * *' } }).frequency).toEqual({
      cron: '5 0 * * *',
    });
    expect(read({ frequency: { trigger: 'manual' } }).frequency).toEqual({
      trigger: 'manual',
    });
  });

  it('stays global whatever the configuration says', () => {
    expect(read({ scope: 'local' }).scope).toBe('global');
  });

  it.each([
    [{ frequency: 'every hour' }],
    [{ frequency: { fortnights: 1 } }],
    [{ timeout: true }],
    ['hourly'],
  ])('refuses %j, naming the key and what it should be', housekeeping => {
    expect(() => read(housekeeping)).toThrow(InputError);
    expect(() => read(housekeeping)).toThrow(
      /^meshifi\.access\.housekeeping must give its frequency, timeout and initialDelay as durations, such as frequency: \{ hours: 1 \}/,
    );
  });
});
