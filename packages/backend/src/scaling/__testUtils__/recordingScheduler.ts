import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';

/** One run of a scheduled task on one backend instance. */
export interface TaskRun {
  instance: string;
  plugin: string;
  task: string;
  startedAt: number;
  endedAt?: number;
}

/** What the backends scheduled and ran, shared by the instances of a test. */
export class TaskLedger {
  readonly runs: TaskRun[] = [];
  /** `plugin:task` → the instances that scheduled it. */
  readonly scheduledBy = new Map<string, Set<string>>();

  runsOf(plugin: string, task: string) {
    return this.runs.filter(r => r.plugin === plugin && r.task === task);
  }

  /** Runs of one task that were under way at the same time, described. */
  overlapsOf(plugin: string, task: string): string[] {
    const runs = [...this.runsOf(plugin, task)].sort(
      (a, b) => a.startedAt - b.startedAt,
    );
    const when = (t: number | undefined) =>
      t === undefined ? 'still running' : new Date(t).toISOString();
    const describe = (run: TaskRun) =>
      `${run.instance} ${when(run.startedAt)} to ${when(run.endedAt)}`;
    return runs.flatMap((run, i) =>
      runs
        .slice(i + 1)
        .filter(later => later.startedAt < (run.endedAt ?? Infinity))
        .map(later => `${task}: ${describe(run)} and ${describe(later)}`),
    );
  }
}

/**
 * Backstage's own scheduler (DefaultSchedulerService, on the plugin's
 * database, with its locks), each task's function wrapped to write down
 * which instance ran it and when: the scheduler decides, the ledger watches.
 */
export function recordingSchedulerFactory(
  instance: string,
  ledger: TaskLedger,
) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {
      database: coreServices.database,
      logger: coreServices.logger,
      metrics: metricsServiceRef,
      rootLifecycle: coreServices.rootLifecycle,
      httpRouter: coreServices.httpRouter,
      pluginMetadata: coreServices.pluginMetadata,
    },
    factory(deps): SchedulerService {
      const real = DefaultSchedulerService.create(deps);
      const plugin = deps.pluginMetadata.getId();
      const scheduleTask: SchedulerService['scheduleTask'] = async task => {
        const key = `${plugin}:${task.id}`;
        ledger.scheduledBy.set(
          key,
          (ledger.scheduledBy.get(key) ?? new Set()).add(instance),
        );
        await real.scheduleTask({
          ...task,
          fn: async signal => {
            const run: TaskRun = {
              instance,
              plugin,
              task: task.id,
              startedAt: Date.now(),
            };
            ledger.runs.push(run);
            try {
              await task.fn(signal);
            } finally {
              run.endedAt = Date.now();
            }
          },
        });
      };
      return {
        triggerTask: id => real.triggerTask(id),
        cancelTask: id => real.cancelTask(id),
        getScheduledTasks: () => real.getScheduledTasks(),
        scheduleTask,
        // Through the wrapper: the real runner would schedule on `real`.
        createScheduledTaskRunner: (
          schedule: SchedulerServiceTaskScheduleDefinition,
        ) => ({
          run: (task: SchedulerServiceTaskInvocationDefinition) =>
            scheduleTask({ ...task, ...schedule }),
        }),
      };
    },
  });
}
