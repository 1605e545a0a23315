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

/** The dependencies not given: a person at a terminal, in the current folder. */
export function resolveNewCommandDeps(
  deps: NewCommandDeps,
): Required<NewCommandDeps> {
  return {
    prompts: deps.prompts ?? inquirerPrompts,
    interactive:
      deps.interactive ??
      (() => Boolean(process.stdin.isTTY && process.stdout.isTTY)),
    cwd: deps.cwd ?? (() => process.cwd()),
  };
}
