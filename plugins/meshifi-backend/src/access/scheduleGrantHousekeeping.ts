import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import { GitOpsRepository } from '@meshifi/node';
import { readGrantHousekeepingSchedule } from './readGrantHousekeepingSchedule';
import { RemovedGrant, removeEndedGrants } from './removeEndedGrants';

/** The id of the housekeeping task in Backstage's scheduler. */
export const GRANT_HOUSEKEEPING_TASK_ID = 'meshifi-access-housekeeping';

export interface GrantHousekeepingOptions {
  scheduler: SchedulerService;
  config: Config;
  repository: GitOpsRepository;
  logger: LoggerService;
  /** The current instant. Default: the system clock. */
  now?: () => Date;
  /** Called with the grants a run removed, when it removed any. */
  onRemoved?: (removed: RemovedGrant[]) => Promise<void> | void;
}

/**
 * Schedules the removal of ended grants from the GitOps repository (see
 * removeEndedGrants) on Backstage's scheduler, as a global task: with
 * several backends, one runs it at a time. A run that fails is logged and
 * changes nothing; the next run tries again.
 */
export async function scheduleGrantHousekeeping(
  options: GrantHousekeepingOptions,
): Promise<void> {
  const { scheduler, config, repository, logger, onRemoved } = options;
  const now = options.now ?? (() => new Date());
  await scheduler.scheduleTask({
    id: GRANT_HOUSEKEEPING_TASK_ID,
    ...readGrantHousekeepingSchedule(config),
    fn: async () => {
      let removed: RemovedGrant[];
      try {
        removed = await removeEndedGrants({ repository, now, logger });
      } catch (error) {
        logger.error(
          `Access housekeeping could not remove the access grants that ended from the GitOps repository; it tries again on its next run. ${stringifyError(
            error,
          )}`,
        );
        return;
      }
      if (!removed.length || !onRemoved) {
        return;
      }
      try {
        await onRemoved(removed);
      } catch (error) {
        logger.error(
          `Access housekeeping removed ${removed
            .map(g => `${g.namespace}/${g.name}`)
            .join(
              ', ',
            )} from the GitOps repository but could not record it. ${stringifyError(
            error,
          )}`,
        );
      }
    },
  });
}
