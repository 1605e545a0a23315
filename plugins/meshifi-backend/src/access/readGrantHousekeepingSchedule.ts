import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Where the schedule of access housekeeping is configured (see config.d.ts). */
export const GRANT_HOUSEKEEPING_CONFIG_KEY = 'meshifi.access.housekeeping';

/**
 * Every hour: IAM ends access on time by itself, so the files of ended
 * grants may stay in the repository a little after their last day. The
 * first run waits for the backend to settle after a start.
 */
const DEFAULTS = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/**
 * The schedule of access housekeeping: `meshifi.access.housekeeping`'s
 * frequency, timeout and initial delay, each defaulted on its own. Always
 * global: one backend of several runs it at a time, so that two never race
 * to remove the same files. A value of the wrong shape is an InputError
 * that names the key, thrown when the backend starts.
 */
export function readGrantHousekeepingSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const key = GRANT_HOUSEKEEPING_CONFIG_KEY;
  try {
    const configured = config.getOptionalConfig(key);
    const settings = Object.fromEntries(
      Object.entries(DEFAULTS).map(([name, fallback]) => [
        name,
        configured?.getOptional(name) ?? fallback,
      ]),
    );
    const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader(settings, key),
    );
    return { ...schedule, scope: 'global' };
  } catch (error) {
    throw new InputError(
      `${key} must give its frequency, timeout and initialDelay as durations, such as frequency: { hours: 1 }, "PT1H" or { cron: "0 * * * *" }`,
      error,
    );
  }
}
