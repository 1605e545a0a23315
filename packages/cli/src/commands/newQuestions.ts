import { AnswerProblem } from '../scaffold/Scaffolded';
import { NewCommandDeps, Prompts } from './newPrompts';

/** Asks a person, or, without a terminal, says which flag to give. */
export class Questions {
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
export const problemOf = (problems: AnswerProblem[], answer: string) =>
  problems.find(p => p.answer === answer)?.message;
