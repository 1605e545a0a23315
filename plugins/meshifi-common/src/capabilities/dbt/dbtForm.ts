import { Problem, ValidationError } from '../../validation/Problem';
import type { CapabilityFormPage } from '../Capability';
import { DEFAULT_DBT_SCHEDULE, describeSchedule } from './cronSchedule';
import {
  DBT_SUBCOMMANDS,
  DbtSubcommand,
  DEFAULT_DBT_COMMAND,
} from './dbtCommand';
import { dbtProblems } from './dbtProblems';
import { DbtSpec } from './dbtSchema';
import { DbtSettings } from './dbtSettings';
import {
  PROJECT_PATH_MAX_LENGTH,
  PROJECT_PATH_PATTERN,
  REPOSITORY_MAX_LENGTH,
  REPOSITORY_PATTERN,
} from './gitRepository';

/** Where the form's answers are: `parameters.dbt`. */
const AT = 'dbt';

/** The schedules the form offers, as cron: the card says them in the same words. */
export const DBT_SCHEDULE_CHOICES = [
  DEFAULT_DBT_SCHEDULE,
  '0 6 * * 1-5',
  '0 6 * * 1',
  '0 * * * *',
] as const;

const capitalized = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);

const repository = {
  type: 'string',
  title: 'Repository address',
  description:
    'The https address of the Git repository, as its Clone button shows it. The platform clones it without a password, so it must be readable by the cluster.',
  pattern: REPOSITORY_PATTERN,
  maxLength: REPOSITORY_MAX_LENGTH,
  'ui:placeholder': 'https://github.com/acme/sales-dbt.git',
};

const path = {
  type: 'string',
  title: 'Folder of the project (optional)',
  description:
    'Where dbt_project.yml is in the repository, such as sales/orders. Leave it empty when it is at the top.',
  pattern: PROJECT_PATH_PATTERN,
  maxLength: PROJECT_PATH_MAX_LENGTH,
  'ui:placeholder': 'sales/orders',
};

/** The page's answers once dbt is on: the project, when it runs, what it runs. */
const enabledAnswers = {
  properties: {
    enabled: { const: true },
    project: {
      type: 'string',
      title: 'Your dbt project',
      default: 'starter',
      oneOf: [
        {
          const: 'starter',
          title:
            'Create one for me: a starter project reading the raw data and building cleaned and curated tables',
        },
        { const: 'existing', title: 'I already have one in a Git repository' },
      ],
      'ui:widget': 'radio',
    },
    schedule: {
      type: 'string',
      title: 'When should it run?',
      default: DEFAULT_DBT_SCHEDULE,
      oneOf: DBT_SCHEDULE_CHOICES.map(cron => ({
        const: cron,
        title: capitalized(describeSchedule(cron)),
      })),
      'ui:help':
        "Times are the platform's time zone. Another schedule can be set later in the product file (spec.capabilities.dbt.schedule).",
    },
    command: {
      type: 'string',
      title: 'What should each run do?',
      default: DEFAULT_DBT_COMMAND,
      oneOf: (Object.keys(DBT_SUBCOMMANDS) as DbtSubcommand[]).map(
        subcommand => ({
          const: `dbt ${subcommand}`,
          title: `${DBT_SUBCOMMANDS[subcommand]} (dbt ${subcommand})`,
        }),
      ),
    },
  },
  required: ['project', 'schedule', 'command'],
  dependencies: {
    project: {
      oneOf: [
        { properties: { project: { const: 'starter' } } },
        {
          properties: { project: { const: 'existing' }, repository, path },
          required: ['repository'],
        },
      ],
    },
  },
};

/** The Create form's page for dbt: a JSON Schema with the scaffolder's ui: options. */
export const dbtFormPage: CapabilityFormPage = {
  title: 'dbt models',
  description:
    "Build the cleaned and curated tables from the raw data with a dbt project, run on a schedule as the product's service account.",
  schema: {
    type: 'object',
    properties: {
      enabled: {
        type: 'boolean',
        title: 'Build the tables with dbt',
        description:
          'dbt runs SQL models that read the raw dataset and write the cleaned and curated ones.',
        default: false,
      },
    },
    dependencies: {
      enabled: {
        oneOf: [{ properties: { enabled: { const: false } } }, enabledAnswers],
      },
    },
  },
};

const refuse = (problems: Problem[]): never => {
  throw new ValidationError(problems);
};

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The dbt fragment the page's answers ask for: undefined when dbt is not
 * on; a starter project in the platform's starter repository, in the folder
 * `<domain or products>/<product>`; or the repository given. Throws a
 * ValidationError, with paths under `dbt.`, for answers it cannot use.
 */
export function dbtFromAnswers(
  answers: unknown,
  target: { product: string; domain?: string; settings?: DbtSettings },
): DbtSpec | undefined {
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) {
    return undefined;
  }
  const given = answers as Record<string, unknown>;
  if (given.enabled !== true) {
    return undefined;
  }
  const schedule = textOf(given.schedule) ?? DEFAULT_DBT_SCHEDULE;
  const command = textOf(given.command) ?? DEFAULT_DBT_COMMAND;
  const project = given.project ?? 'starter';
  let spec: DbtSpec;
  if (project === 'starter') {
    const starter = target.settings?.starterRepository;
    if (!starter) {
      return refuse([
        {
          path: `${AT}.project`,
          message:
            'This platform has no place for starter dbt projects yet: choose "I already have one" and give its repository, or ask the platform team to set starterRepository.',
        },
      ]);
    }
    spec = {
      repository: starter,
      path: `${target.domain ?? 'products'}/${target.product}`,
      schedule,
      command,
    };
  } else if (project === 'existing') {
    const folder = textOf(given.path);
    spec = {
      repository: textOf(given.repository) as string,
      ...(folder ? { path: folder } : {}),
      schedule,
      command,
    };
  } else {
    return refuse([
      {
        path: `${AT}.project`,
        message:
          'Choose whether meshifi creates a starter dbt project or you give one you already have.',
      },
    ]);
  }
  const problems = dbtProblems(spec, target.settings, AT);
  return problems.length > 0 ? refuse(problems) : spec;
}
