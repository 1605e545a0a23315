import type { Capability } from '../Capability';
import { composeDbt, DBT_RESOURCE_KEYS } from './composeDbt';
import { dbtCard } from './dbtCard';
import { dbtFormPage, dbtFromAnswers } from './dbtForm';
import { dbtProblems } from './dbtProblems';
import { DbtSpec, dbtSchema } from './dbtSchema';
import {
  DbtSettings,
  dbtSettingsOf,
  PACKAGED_DBT_SETTINGS,
} from './dbtSettings';
import { dbtStatusOf, dbtStatusSchema } from './dbtStatus';

/** What Crossplane does with what it composes: server-side apply, watch, delete. */
const COMPOSE_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
];

/**
 * dbt models: the product's dbt project, cloned from its Git repository and
 * run on a schedule by a CronJob in the product's namespace, as the
 * product's service account through Workload Identity.
 */
export const dbtCapability: Capability<DbtSpec, DbtSettings> = {
  name: 'dbt',
  title: 'dbt models',
  description:
    "Builds the product's cleaned and curated tables from its raw data with a dbt project, run on a schedule.",
  schema: dbtSchema,
  statusSchema: dbtStatusSchema,
  settings: dbtSettingsOf,
  packagedSettings: { ...PACKAGED_DBT_SETTINGS },
  problems: ({ spec, settings }) => dbtProblems(spec, settings),
  compose: composeDbt,
  status: ({ spec, settings, observed }) =>
    dbtStatusOf(spec, settings, observed[DBT_RESOURCE_KEYS.schedule]),
  rbac: [
    {
      apiGroups: [''],
      resources: ['serviceaccounts', 'configmaps'],
      verbs: [...COMPOSE_VERBS],
    },
    {
      apiGroups: ['batch'],
      resources: ['cronjobs'],
      verbs: [...COMPOSE_VERBS],
    },
  ],
  form: { page: dbtFormPage, fromAnswers: dbtFromAnswers },
  card: dbtCard,
};

export type { DbtSpec } from './dbtSchema';
export type { DbtSettings } from './dbtSettings';
export type { DbtStatus, DbtRunState } from './dbtStatus';
export { dbtProfilesYml, DBT_PROFILE } from './profilesYml';
export { parseDbtCommand, SHELL_METACHARACTERS } from './dbtCommand';
export { describeSchedule } from './cronSchedule';
