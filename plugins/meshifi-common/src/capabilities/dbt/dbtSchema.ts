import { MeshifiSchema } from '../../schema/jsonSchema';
import {
  CRON_MAX_LENGTH,
  CRON_PATTERN,
  DEFAULT_DBT_SCHEDULE,
} from './cronSchedule';
import {
  DBT_COMMAND_MAX_LENGTH,
  DBT_COMMAND_PATTERN,
  DEFAULT_DBT_COMMAND,
} from './dbtCommand';
import {
  DEFAULT_DBT_REVISION,
  PROJECT_PATH_MAX_LENGTH,
  PROJECT_PATH_PATTERN,
  REPOSITORY_MAX_LENGTH,
  REPOSITORY_PATTERN,
  REVISION_MAX_LENGTH,
  REVISION_PATTERN,
} from './gitRepository';

/** `spec.capabilities.dbt`: the product's dbt project and when it runs. */
export type DbtSpec = {
  /** The https address of the Git repository holding the dbt project. */
  repository: string;
  /** The branch or tag to run; `main` when left out. */
  revision?: string;
  /** The project's folder in the repository; its top when left out. */
  path?: string;
  /** When it runs: five cron fields. */
  schedule: string;
  /** What it runs: `dbt build` when left out. */
  command?: string;
};

/** The schema of `spec.capabilities.dbt`, with messages for analysts. */
export const dbtSchema: MeshifiSchema = {
  type: 'object',
  title: 'dbt models',
  description:
    "The product's dbt project, which builds its cleaned and curated tables from its raw data on a schedule.",
  required: ['repository', 'schedule'],
  properties: {
    repository: {
      type: 'string',
      title: 'dbt project repository',
      description:
        'The https address of the Git repository holding the dbt project, without user name or password.',
      pattern: REPOSITORY_PATTERN,
      maxLength: REPOSITORY_MAX_LENGTH,
      'x-meshifi-message':
        "Give the repository's https address as its Clone button shows it, without user name, password or token, for example https://github.com/acme/sales-dbt.git.",
    },
    revision: {
      type: 'string',
      title: 'Branch or tag',
      description: `The branch or tag of the repository to run; ${DEFAULT_DBT_REVISION} when left out.`,
      default: DEFAULT_DBT_REVISION,
      pattern: REVISION_PATTERN,
      maxLength: REVISION_MAX_LENGTH,
      'x-meshifi-message':
        'Give a branch or tag name such as main or release/2024-06: letters, digits, and . _ / - inside.',
    },
    path: {
      type: 'string',
      title: 'Project folder',
      description:
        'The folder of the dbt project (where dbt_project.yml is) in the repository; its top when left out.',
      pattern: PROJECT_PATH_PATTERN,
      maxLength: PROJECT_PATH_MAX_LENGTH,
      'x-meshifi-message':
        'Give the folder from the top of the repository, such as sales/orders, without a leading /, without .. and without spaces.',
    },
    schedule: {
      type: 'string',
      title: 'Schedule',
      description:
        'When the project runs, as five cron fields: minute, hour, day of the month, month, day of the week.',
      default: DEFAULT_DBT_SCHEDULE,
      pattern: CRON_PATTERN,
      maxLength: CRON_MAX_LENGTH,
      'x-meshifi-message':
        'Write the schedule as five fields separated by spaces, for example "0 6 * * *" for every day at 06:00 or "30 7 * * 1-5" for 07:30 on Mondays to Fridays.',
    },
    command: {
      type: 'string',
      title: 'dbt command',
      description:
        'What dbt does on each run: build, run, test, seed, snapshot or source freshness, with --select or --exclude if need be.',
      default: DEFAULT_DBT_COMMAND,
      pattern: DBT_COMMAND_PATTERN,
      maxLength: DBT_COMMAND_MAX_LENGTH,
      'x-meshifi-message':
        'Write dbt followed by build, run, test, seed, snapshot or source freshness, and if need be --select or --exclude with the models to pick, for example "dbt build --select tag:daily".',
    },
  },
};
