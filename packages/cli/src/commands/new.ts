import { Command } from 'commander';
import { DataDomain } from '@meshifi/common';
import { git } from '@meshifi/node';
import {
  domainProblems,
  DomainAnswers,
  scaffoldDomain,
} from '../scaffold/scaffoldDomain';
import {
  FIRST_VERSION,
  productProblems,
  ProductAnswers,
  scaffoldProduct,
} from '../scaffold/scaffoldProduct';
import { readScaffoldRepository } from '../scaffold/readScaffoldRepository';
import {
  AnswerProblem,
  Scaffolded,
  ScaffoldRepository,
} from '../scaffold/Scaffolded';
import { writeNewFile } from '../scaffold/writeNewFile';

/** The prompts `meshifi new` asks with: @inquirer/prompts' input and select. */
export interface Prompts {
  input(config: {
    message: string;
    default?: string;
    /** true, or what is wrong with the value (asked again). */
    validate?: (value: string) => boolean | string;
  }): Promise<string>;
  select(config: {
    message: string;
    choices: { name: string; value: string; description?: string }[];
  }): Promise<string>;
}

/** What `meshifi new` depends on, replaceable in tests. */
export interface NewCommandDeps {
  /** The prompts; @inquirer/prompts, loaded when a question is first asked. */
  prompts?: () => Promise<Prompts>;
  /** Whether a person can answer: standard input and output are terminals. */
  interactive?: () => boolean;
  /** The folder the command runs in. */
  cwd?: () => string;
}

async function inquirerPrompts(): Promise<Prompts> {
  const { input, select } = await import('@inquirer/prompts');
  return { input, select };
}

/** Asks a person, or, without a terminal, says which flag to give. */
class Questions {
  private prompts?: Prompts;

  constructor(
    private readonly deps: Required<NewCommandDeps>,
    private readonly what: string,
  ) {}

  get interactive(): boolean {
    return this.deps.interactive();
  }

  private async ask(): Promise<Prompts> {
    this.prompts ??= await this.deps.prompts();
    return this.prompts;
  }

  /** A prompt's answer; Ctrl+C ends the command, having written nothing. */
  private async answer<T>(question: (prompts: Prompts) => Promise<T>) {
    try {
      return await question(await this.ask());
    } catch (error) {
      if ((error as Error)?.name === 'ExitPromptError') {
        throw new Error('Stopped: nothing was written.');
      }
      throw error;
    }
  }

  /** Stops the command: a required answer is missing and nobody can be asked. */
  missing(flag: string): never {
    throw new Error(
      `Give the ${this.what}'s ${flag.replace(
        /-/g,
        ' ',
      )} with --${flag}: there is no terminal to ask in.`,
    );
  }

  /** The flag's value, else the person's answer; required ones stop the command without a terminal. */
  async text(
    flag: string,
    given: string | undefined,
    question: {
      message: string;
      required: boolean;
      default?: string;
      validate?: (value: string) => string | undefined;
    },
  ): Promise<string | undefined> {
    if (given !== undefined) {
      return given;
    }
    if (!this.interactive) {
      return question.required ? this.missing(flag) : question.default;
    }
    const answer = await this.answer(prompts =>
      prompts.input({
        message: question.message,
        default: question.default,
        validate: value =>
          !value && question.required
            ? 'This one is needed.'
            : (value && question.validate?.(value)) || true,
      }),
    );
    return answer || undefined;
  }

  async select(
    message: string,
    choices: { name: string; value: string; description?: string }[],
  ): Promise<string> {
    return this.answer(prompts => prompts.select({ message, choices }));
  }
}

/** The problem of one answer as the model sees it, for a prompt's validation. */
const problemOf = (problems: AnswerProblem[], answer: string) =>
  problems.find(p => p.answer === answer)?.message;

/** The git repository's root folder, else the folder itself. */
async function repositoryRootOf(cwd: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], { cwd })).trim();
  } catch {
    return cwd;
  }
}

/** Writes what was scaffolded, or says why not; returns the exit code. */
async function write(root: string, scaffolded: Scaffolded): Promise<number> {
  if (!scaffolded.ok) {
    for (const problem of scaffolded.problems) {
      process.stderr.write(
        `meshifi: ${problem.message} (--${problem.answer})\n`,
      );
    }
    return 1;
  }
  if (!(await writeNewFile(root, scaffolded.path, scaffolded.content))) {
    process.stderr.write(
      `meshifi: ${scaffolded.path} already exists: meshifi new does not overwrite a file.\n`,
    );
    return 1;
  }
  process.stdout.write(
    `Wrote ${scaffolded.path}.\nNext: commit it on a branch and open a pull request; meshifi plan shows what merging it will create.\n`,
  );
  return 0;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

interface ProductFlags {
  name?: string;
  domain?: string;
  owner?: string[];
  title?: string;
  description?: string;
  productVersion?: string;
  location?: string;
}

async function askProduct(
  questions: Questions,
  flags: ProductFlags,
  repository: ScaffoldRepository,
): Promise<ProductAnswers> {
  const draft: ProductAnswers = { name: '', domain: '', owners: [] };
  const validate = (answer: string, change: Partial<ProductAnswers>) =>
    problemOf(productProblems({ ...draft, ...change }, repository), answer);

  // The domain first: the name is then checked against the repository.
  draft.domain =
    flags.domain ??
    (questions.interactive
      ? await chooseDomain(questions, repository.domains)
      : questions.missing('domain'));
  draft.name = (await questions.text('name', flags.name, {
    message: 'Product name, e.g. customer-orders',
    required: true,
    validate: name => validate('name', { name }),
  }))!;
  draft.owners = flags.owner ?? (await askOwners(questions, validate));
  draft.title = await questions.text('title', flags.title, {
    message: 'Title, as people will see it in the catalog (optional)',
    required: false,
    validate: title => validate('title', { title }),
  });
  draft.description = await questions.text('description', flags.description, {
    message: 'What the data is and who it is for (optional)',
    required: false,
    validate: description => validate('description', { description }),
  });
  draft.version = await questions.text(
    'product-version',
    flags.productVersion,
    {
      message: 'Version',
      required: false,
      default: FIRST_VERSION,
      validate: version => validate('product-version', { version }),
    },
  );
  draft.location = await questions.text('location', flags.location, {
    message:
      "Data location: US, EU or a region like europe-west2 (empty: the platform's)",
    required: false,
    validate: location => validate('location', { location }),
  });
  return draft;
}

/** The domain, picked from the repository's domains with the arrow keys. */
async function chooseDomain(
  questions: Questions,
  domains: DataDomain[],
): Promise<string> {
  if (domains.length === 0) {
    throw new Error(
      'The repository has no domain yet: create one first with meshifi new domain.',
    );
  }
  return questions.select(
    'Domain',
    [...domains]
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map(domain => ({
        name: domain.spec.title
          ? `${domain.metadata.name} (${domain.spec.title})`
          : domain.metadata.name,
        value: domain.metadata.name,
        description: `Google Cloud project ${domain.spec.gcpProject}, owned by ${domain.spec.owner}`,
      })),
  );
}

/** The owners, one per question, until an empty answer. */
async function askOwners(
  questions: Questions,
  validate: (
    answer: string,
    change: Partial<ProductAnswers>,
  ) => string | undefined,
): Promise<string[]> {
  const owners: string[] = [];
  for (;;) {
    const owner = await questions.text('owner', undefined, {
      message:
        owners.length === 0
          ? "Owner's email (a person, or group:<email> for a Google group)"
          : 'Another owner (leave empty when done)',
      required: owners.length === 0,
      validate: value => validate('owner', { owners: [...owners, value] }),
    });
    if (!owner) {
      return owners;
    }
    owners.push(owner);
  }
}

interface DomainFlags {
  name?: string;
  project?: string;
  owner?: string;
  title?: string;
  description?: string;
}

async function askDomain(
  questions: Questions,
  flags: DomainFlags,
  repository: ScaffoldRepository,
): Promise<DomainAnswers> {
  const draft: DomainAnswers = { name: '', project: '', owner: '' };
  const validate = (answer: string, change: Partial<DomainAnswers>) =>
    problemOf(domainProblems({ ...draft, ...change }, repository), answer);
  draft.name = (await questions.text('name', flags.name, {
    message: 'Domain name, e.g. sales (it cannot change later)',
    required: true,
    validate: name => validate('name', { name }),
  }))!;
  draft.project = (await questions.text('project', flags.project, {
    message: "The domain's Google Cloud project, e.g. acme-sales-data",
    required: true,
    validate: project => validate('project', { project }),
  }))!;
  draft.owner = (await questions.text('owner', flags.owner, {
    message: 'Owning team in Backstage, e.g. group:default/sales-team',
    required: true,
    validate: owner => validate('owner', { owner }),
  }))!;
  draft.title = await questions.text('title', flags.title, {
    message: 'Title (optional)',
    required: false,
    validate: title => validate('title', { title }),
  });
  draft.description = await questions.text('description', flags.description, {
    message: 'Description (optional)',
    required: false,
    validate: description => validate('description', { description }),
  });
  return draft;
}

/**
 * `meshifi new product` and `meshifi new domain`: ask for what the Create
 * page asks (every answer also a flag, for scripts and for use without a
 * terminal) and write a valid manifest at its place in the GitOps
 * repository, never over an existing file.
 */
export function newCommand(deps: NewCommandDeps = {}): Command {
  const resolved: Required<NewCommandDeps> = {
    prompts: deps.prompts ?? inquirerPrompts,
    interactive:
      deps.interactive ??
      (() => Boolean(process.stdin.isTTY && process.stdout.isTTY)),
    cwd: deps.cwd ?? (() => process.cwd()),
  };
  const command = new Command('new').description(
    'Create a data product or a data domain file in the GitOps repository, by answering questions',
  );
  command
    .command('product')
    .description('Write a new data product file at its place in the repository')
    .option('--name <name>', 'the product name, e.g. customer-orders')
    .option('--domain <domain>', "its domain, one of the repository's")
    .option(
      '--owner <email>',
      'an owner: an email, or group:<email> for a Google group (repeat for each)',
      collect,
    )
    .option('--title <title>', 'how people see it in the catalog')
    .option('--description <text>', 'what the data is and who it is for')
    .option(
      '--product-version <version>',
      `its version (default ${FIRST_VERSION})`,
    )
    .option(
      '--location <location>',
      "where BigQuery keeps the data: US, EU or a region (default: the platform's)",
    )
    .action(async (flags: ProductFlags) => {
      const root = await repositoryRootOf(resolved.cwd());
      const repository = await readScaffoldRepository(root);
      const answers = await askProduct(
        new Questions(resolved, 'product'),
        flags,
        repository,
      );
      process.exitCode = await write(
        root,
        scaffoldProduct(answers, repository),
      );
    });
  command
    .command('domain')
    .description('Write a new data domain file at its place in the repository')
    .option('--name <name>', 'the domain name, e.g. sales')
    .option('--project <project>', "the domain's Google Cloud project")
    .option('--owner <group>', 'the owning team, e.g. group:default/sales-team')
    .option('--title <title>', 'how people see it in the catalog')
    .option('--description <text>', 'what the domain covers')
    .action(async (flags: DomainFlags) => {
      const root = await repositoryRootOf(resolved.cwd());
      const repository = await readScaffoldRepository(root);
      const answers = await askDomain(
        new Questions(resolved, 'domain'),
        flags,
        repository,
      );
      process.exitCode = await write(root, scaffoldDomain(answers, repository));
    });
  return command;
}
