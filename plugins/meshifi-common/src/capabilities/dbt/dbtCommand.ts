/**
 * The dbt command a product runs on its schedule. It is never given to a
 * shell: the CronJob's container runs `dbt` with the command's words as its
 * arguments, and only the words below are let through, so that a product
 * file cannot make the job do anything but run its own dbt project.
 */

/** The command a product runs when it names none. */
export const DEFAULT_DBT_COMMAND = 'dbt build';

/** What `dbt` may be asked to do, with what each does, for the form. */
export const DBT_SUBCOMMANDS = {
  build: 'Run the models, test them, load the seeds and take the snapshots',
  run: 'Run the models',
  test: 'Test the models and sources',
  seed: 'Load the seeds (CSV files of the project)',
  snapshot: 'Take the snapshots',
  'source freshness': 'Check how fresh the sources are',
} as const;

/** One of the subcommands dbt may run. */
export type DbtSubcommand = keyof typeof DBT_SUBCOMMANDS;

/**
 * Characters a shell gives a meaning to. None of them is ever in the words
 * a command is made of: the parser lets through letters, digits and
 * `_ . : + @ / , -` only.
 */
export const SHELL_METACHARACTERS = [...'|&;<>()$`\\"\' \t\n\r*?[]#~=%!{}^'];

/** The schema's pattern: `dbt`, a subcommand, then words of safe characters. */
export const DBT_COMMAND_PATTERN =
  '^dbt (build|run|test|seed|snapshot|source freshness)( [-A-Za-z0-9_.:+@/,=]+)*$';

/** Longest command accepted. */
export const DBT_COMMAND_MAX_LENGTH = 500;

/** A node selector's value: `tag:daily`, `+orders`, `path:models/marts`. */
const SELECTION = /^[A-Za-z0-9_+@][A-Za-z0-9_.:+@/,-]*$/;
/** A named selector of selectors.yml. */
const SELECTOR_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

type OptionRule = {
  /** The option as dbt spells it in full. */
  name: string;
  /** `many`: one or more selections follow; `one`: a selector's name; none: a switch. */
  takes?: 'many' | 'one';
  /** The subcommands that accept it; all when left out. */
  only?: DbtSubcommand[];
};

const OPTIONS: Record<string, OptionRule> = {
  '--select': { name: '--select', takes: 'many' },
  '-s': { name: '--select', takes: 'many' },
  '--exclude': { name: '--exclude', takes: 'many' },
  '--selector': { name: '--selector', takes: 'one' },
  '--full-refresh': { name: '--full-refresh', only: ['build', 'run', 'seed'] },
  '--fail-fast': {
    name: '--fail-fast',
    only: ['build', 'run', 'test', 'seed', 'snapshot'],
  },
  '-x': {
    name: '--fail-fast',
    only: ['build', 'run', 'test', 'seed', 'snapshot'],
  },
};

const ALLOWED =
  'dbt followed by build, run, test, seed, snapshot or source freshness, and if need be --select or --exclude with the models to pick, --selector with a selector\'s name, --full-refresh or --fail-fast; for example "dbt build --select tag:daily"';

/** A command read: its words after `dbt`, as the container's arguments. */
export type DbtCommand =
  | { ok: true; subcommand: DbtSubcommand; args: string[] }
  | { ok: false; message: string };

const refused = (message: string): DbtCommand => ({ ok: false, message });

function selectionProblem(value: string, option: string): string | undefined {
  if (value.includes('..')) {
    return `"${value}" after ${option} has "..": name models, tags or folders of the project itself.`;
  }
  if (!SELECTION.test(value) || value.length > 200) {
    return `"${value}" after ${option} is not a dbt selection: use model names, tag:…, path:… or source:…, with + or @ around them if need be.`;
  }
  return undefined;
}

function selectorNameProblem(value: string): string | undefined {
  return SELECTOR_NAME.test(value) && value.length <= 200
    ? undefined
    : `"${value}" is not a selector's name: use letters, digits, _ and -.`;
}

/** `--select=a` as `--select a`; other words as they are. */
function splitWords(words: string[]): string[] | undefined {
  const out: string[] = [];
  for (const word of words) {
    const equals = word.indexOf('=');
    if (equals < 0) {
      out.push(word);
    } else if (word.startsWith('--') && equals > 2) {
      out.push(word.slice(0, equals), word.slice(equals + 1));
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * Reads a command: `dbt`, one of DBT_SUBCOMMANDS, then the options above.
 * Anything else is refused with a message saying what may be written.
 */
export function parseDbtCommand(command: unknown): DbtCommand {
  if (typeof command !== 'string' || command.trim() === '') {
    return refused(`Give the dbt command to run: ${ALLOWED}.`);
  }
  if (command.length > DBT_COMMAND_MAX_LENGTH) {
    return refused(
      `The dbt command is ${command.length} characters long: keep it to ${DBT_COMMAND_MAX_LENGTH}, with ${ALLOWED}.`,
    );
  }
  if (!/^[-A-Za-z0-9_.:+@/,= ]+$/.test(command)) {
    return refused(
      `The dbt command "${command}" has characters dbt selections never need (quotes, $, ;, | or *, for example): write ${ALLOWED}.`,
    );
  }
  const words = splitWords(command.split(' ').filter(word => word !== ''));
  if (!words) {
    return refused(
      `In the dbt command "${command}", "=" may only join an option and its value, as in --select=orders: write ${ALLOWED}.`,
    );
  }
  const [program, first, second] = words;
  if (program !== 'dbt') {
    return refused(`Start the command with dbt: ${ALLOWED}.`);
  }
  if (!first) {
    return refused(`Say what dbt should do: ${ALLOWED}.`);
  }
  const subcommand = (
    first === 'source' && second === 'freshness' ? 'source freshness' : first
  ) as DbtSubcommand;
  if (!Object.prototype.hasOwnProperty.call(DBT_SUBCOMMANDS, subcommand)) {
    return refused(
      `dbt ${first} is not run on a schedule here: write ${ALLOWED}.`,
    );
  }
  const rest = words.slice(subcommand === 'source freshness' ? 3 : 2);
  const args = subcommand.split(' ');
  const seen = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const rule = Object.prototype.hasOwnProperty.call(OPTIONS, rest[i])
      ? OPTIONS[rest[i]]
      : undefined;
    if (!rule) {
      return refused(
        `"${rest[i]}" is not an option dbt ${subcommand} may be run with here: write ${ALLOWED}.`,
      );
    }
    if (rule.only && !rule.only.includes(subcommand)) {
      return refused(`dbt ${subcommand} has no ${rule.name}: leave it out.`);
    }
    if (seen.has(rule.name)) {
      return refused(
        `${rule.name} is in the command twice: say it once, with everything it picks after it.`,
      );
    }
    seen.add(rule.name);
    args.push(rule.name);
    if (!rule.takes) {
      continue;
    }
    const values: string[] = [];
    while (i + 1 < rest.length && !rest[i + 1].startsWith('-')) {
      values.push(rest[++i]);
    }
    if (values.length === 0 || (rule.takes === 'one' && values.length > 1)) {
      return refused(
        rule.takes === 'one'
          ? `Give ${rule.name} the name of one selector of the project's selectors.yml.`
          : `Give ${rule.name} what to pick, for example ${rule.name} tag:daily.`,
      );
    }
    for (const value of values) {
      const problem =
        rule.takes === 'one'
          ? selectorNameProblem(value)
          : selectionProblem(value, rule.name);
      if (problem) {
        return refused(problem);
      }
    }
    args.push(...values);
  }
  return { ok: true, subcommand, args };
}

/** What is wrong with a command, in words an analyst can act on, or undefined. */
export function dbtCommandProblem(command: unknown): string | undefined {
  const parsed = parseDbtCommand(command);
  return parsed.ok ? undefined : parsed.message;
}
