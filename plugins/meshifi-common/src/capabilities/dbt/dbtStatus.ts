import { KubernetesObject } from '../../model/types';
import { MeshifiSchema } from '../../schema/jsonSchema';
import { DEFAULT_DBT_SCHEDULE } from './cronSchedule';
import { DbtSpec } from './dbtSchema';
import { DbtSettings } from './dbtSettings';

/** How the last scheduled run went. */
export const DBT_RUN_STATES = [
  'never',
  'running',
  'succeeded',
  'failed',
] as const;

/** One of DBT_RUN_STATES. */
export type DbtRunState = (typeof DBT_RUN_STATES)[number];

/** `status.capabilities.dbt`. */
export type DbtStatus = {
  schedule: string;
  /** The time zone the schedule is read in, when the platform sets one. */
  timeZone?: string;
  repository: string;
  /** When the last run was started (RFC 3339). */
  lastScheduleTime?: string;
  /** When the last run that succeeded finished (RFC 3339). */
  lastSuccessfulTime?: string;
  /** How many runs are going on. */
  active: number;
  lastRun: DbtRunState;
};

/** The schema of `status.capabilities.dbt`. */
export const dbtStatusSchema: MeshifiSchema = {
  type: 'object',
  description: 'How the dbt project runs: its schedule and its last run.',
  properties: {
    schedule: { type: 'string', description: 'When the project runs (cron).' },
    timeZone: {
      type: 'string',
      description: 'The time zone of the schedule, when the platform sets one.',
    },
    repository: { type: 'string', description: "The project's repository." },
    lastScheduleTime: {
      type: 'string',
      description: 'When the last run was started.',
    },
    lastSuccessfulTime: {
      type: 'string',
      description: 'When the last successful run finished.',
    },
    active: { type: 'integer', description: 'How many runs are going on.' },
    lastRun: {
      type: 'string',
      enum: [...DBT_RUN_STATES],
      description:
        'How the last run went: never, running, succeeded or failed.',
    },
  },
};

const timeOf = (value: unknown): number | undefined => {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? undefined : time;
};

/**
 * How the last run went, from a CronJob's status: running while a Job is
 * active; succeeded when the last success is no older than the last start;
 * failed when a run started after the last success and none is active.
 * A CronJob's status says no more: nothing here reads its Jobs.
 */
export function lastRunOf(cronJobStatus: unknown): DbtRunState {
  const status = (
    cronJobStatus && typeof cronJobStatus === 'object' ? cronJobStatus : {}
  ) as Record<string, unknown>;
  if (Array.isArray(status.active) && status.active.length > 0) {
    return 'running';
  }
  const scheduled = timeOf(status.lastScheduleTime);
  const succeeded = timeOf(status.lastSuccessfulTime);
  if (scheduled === undefined) {
    return succeeded === undefined ? 'never' : 'succeeded';
  }
  return succeeded !== undefined && succeeded >= scheduled
    ? 'succeeded'
    : 'failed';
}

/** `status.capabilities.dbt` from the spec and the CronJob as observed, if it is. */
export function dbtStatusOf(
  spec: DbtSpec,
  settings: Pick<DbtSettings, 'timeZone'> | undefined,
  cronJob: KubernetesObject | undefined,
): DbtStatus {
  const status = (cronJob?.status ?? {}) as Record<string, unknown>;
  const text = (value: unknown) =>
    typeof value === 'string' && value !== '' ? value : undefined;
  const lastScheduleTime = text(status.lastScheduleTime);
  const lastSuccessfulTime = text(status.lastSuccessfulTime);
  return {
    schedule: spec.schedule ?? DEFAULT_DBT_SCHEDULE,
    ...(settings?.timeZone ? { timeZone: settings.timeZone } : {}),
    repository: spec.repository,
    ...(lastScheduleTime ? { lastScheduleTime } : {}),
    ...(lastSuccessfulTime ? { lastSuccessfulTime } : {}),
    active: Array.isArray(status.active) ? status.active.length : 0,
    lastRun: lastRunOf(status),
  };
}
