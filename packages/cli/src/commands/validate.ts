import { Command, Option } from 'commander';
import { promises as fs } from 'fs';
import path from 'path';
import { formatJson, formatText } from '../validate/formatReport';
import { validateRepository } from '../validate/readRepository';
import { ValidationReport } from '../validate/ValidationProblem';
import { validationRoot } from '../validate/validationRoot';

interface ValidateOptions {
  format: 'text' | 'json';
}

/** Why a path cannot be validated, or undefined when it is a folder to read. */
async function unusableRoot(root: string): Promise<string | undefined> {
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat) {
    return `${root} does not exist: give the folder of a GitOps repository (its working tree), or run meshifi validate inside it.`;
  }
  if (!stat.isDirectory()) {
    return `${root} is a file, not a folder: give the folder of a GitOps repository (its working tree).`;
  }
  return undefined;
}

/**
 * `meshifi validate [path]`: every file of a GitOps repository's working
 * tree against the model's rules, every problem in one run. Exit code 0
 * when there is none, 1 when there are, 2 when the folder cannot be read.
 */
export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'Check every file of a GitOps repository against the rules of meshifi: layout, names, schema, uniqueness across domains',
    )
    .argument(
      '[path]',
      'the working tree of the GitOps repository (default: the one the current folder is in)',
    )
    .addOption(
      new Option('--format <format>', 'how to print the problems')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (target: string | undefined, options: ValidateOptions) => {
      const root =
        target === undefined
          ? await validationRoot(process.cwd())
          : path.resolve(target);
      const unusable = await unusableRoot(root);
      if (unusable) {
        throw new Error(unusable);
      }
      let report: ValidationReport;
      try {
        report = validateRepository(root);
      } catch (error) {
        throw new Error(
          `cannot read ${root}: ${
            (error as NodeJS.ErrnoException).code ?? String(error)
          }.`,
        );
      }
      process.stdout.write(
        `${
          options.format === 'json' ? formatJson(report) : formatText(report)
        }\n`,
      );
      process.exitCode = report.problems.length > 0 ? 1 : 0;
    });
}
