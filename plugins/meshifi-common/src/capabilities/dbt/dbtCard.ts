import type { CapabilityCard, CapabilityState } from '../Capability';
import { DEFAULT_DBT_SCHEDULE, describeSchedule } from './cronSchedule';
import { DEFAULT_DBT_COMMAND } from './dbtCommand';
import { DbtSpec } from './dbtSchema';
import { DbtRunState, DbtStatus } from './dbtStatus';
import { repositoryProblem, repositoryWebPage } from './gitRepository';

const STATES: Record<DbtRunState, CapabilityState> = {
  never: {
    label: 'Not run yet',
    tone: 'pending',
    detail: 'The project runs for the first time at its next scheduled time.',
  },
  running: { label: 'Running', tone: 'pending' },
  succeeded: { label: 'Last run succeeded', tone: 'ok' },
  failed: {
    label: 'Last run failed',
    tone: 'error',
    detail:
      "Run the project yourself with dbt build --target owner to see why (the project's README says how), fix it and push: the next scheduled run picks it up.",
  },
};

/** A time as people read it: 2026-12-02 06:00 UTC. */
function whenOf(time: string | undefined): string | undefined {
  const parsed = time ? Date.parse(time) : NaN;
  return Number.isNaN(parsed)
    ? undefined
    : `${new Date(parsed).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function lastRunFact(status: Partial<DbtStatus> | undefined): string {
  const started = whenOf(status?.lastScheduleTime);
  switch (status?.lastRun) {
    case 'running':
      return started ? `Running, started ${started}` : 'Running';
    case 'succeeded':
      return `Succeeded, finished ${
        whenOf(status.lastSuccessfulTime) ?? started ?? ''
      }`.trim();
    case 'failed':
      return started ? `Failed, started ${started}` : 'Failed';
    default:
      return 'Not yet';
  }
}

/** The dbt card of a product's page, from its fragment and the status the XR reports. */
export function dbtCard(input: {
  spec: DbtSpec;
  status?: Record<string, unknown>;
}): CapabilityCard {
  const spec = (input.spec ?? {}) as Partial<DbtSpec>;
  const status = input.status as Partial<DbtStatus> | undefined;
  const lastRun = status?.lastRun;
  const repository = typeof spec.repository === 'string' ? spec.repository : '';
  return {
    title: 'dbt models',
    state:
      lastRun && lastRun in STATES
        ? STATES[lastRun]
        : {
            label: 'Being set up',
            tone: 'pending',
            detail:
              'The platform has not reported the schedule yet: it does once the product is applied.',
          },
    facts: [
      {
        label: 'Schedule',
        value: describeSchedule(
          spec.schedule ?? DEFAULT_DBT_SCHEDULE,
          status?.timeZone,
        ),
      },
      { label: 'Command', value: spec.command ?? DEFAULT_DBT_COMMAND },
      {
        label: 'Project',
        value: spec.path ? `${repository} (${spec.path})` : repository,
        // Only an address that passed the rules becomes a link.
        ...(repository && !repositoryProblem(repository)
          ? { href: repositoryWebPage(repository, spec.revision, spec.path) }
          : {}),
      },
      { label: 'Last run', value: lastRunFact(status) },
    ],
  };
}
