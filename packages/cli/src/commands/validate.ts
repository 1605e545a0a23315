import { Command, Option } from 'commander';
import { DataProduct } from '@meshifi/common';
import { git } from '@meshifi/node';
import { promises as fs } from 'fs';
import path from 'path';
import { resolvePlanBase } from '../repository/planBase';
import { readBaseProducts } from '../repository/readBaseProducts';
import { formatJson, formatText } from '../validate/formatReport';
import { validateRepository } from '../validate/readRepository';
import { ValidationReport } from '../validate/ValidationProblem';
import { validationRoot } from '../validate/validationRoot';

interface ValidateOptions {
  format: 'text' | 'json';
  base?: string;
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

/** Whether a folder is the top of a git work tree, whose commits can be read. */
async function isGitTop(root: string): Promise<boolean> {
  const top = await git(['rev-parse', '--show-toplevel'], { cwd: root })
    .then(out => out.trim())
    .catch(() => undefined);
  if (!top) {
    return false;
  }
  const [a, b] = await Promise.all([fs.realpath(top), fs.realpath(root)]);
  return a === b;
}

/**
 * The products of the base the version rule compares with, by path: the
 * base given, else the one `meshifi plan` picks. None when the folder is no
 * git work tree's top or the repository has no commit yet: then only the
 * rules of the working tree are checked.
 */
async function baseProductsOf(
  root: string,
  ref: string | undefined,
): Promise<Map<string, DataProduct> | undefined> {
  if (!(await isGitTop(root))) {
    if (ref !== undefined) {
      throw new Error(
        `--base compares with a commit, but ${root} is not the top folder of a git repository: run meshifi validate at the top of a clone of your GitOps repository.`,
      );
    }
    return undefined;
  }
  const base = await resolvePlanBase(root, ref);
  return base.commit ? readBaseProducts(root, base.commit) : undefined;
}

/**
 * `meshifi validate [path]`: every file of a GitOps repository's working
 * tree against the model's rules, every problem in one run, and each
 * product against its version at the base (the version rule). Exit code 0
 * when there is none, 1 when there are, 2 when the folder cannot be read.
 */
export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'Check every file of a GitOps repository against the rules of meshifi: layout, names, schema, uniqueness across domains, lineage, and the version rule against the base',
    )
    .argument(
      '[path]',
      'the working tree of the GitOps repository (default: the one the current folder is in)',
    )
    .option(
      '--base <ref>',
      'the branch, tag or commit whose products the version rule compares with (default: as meshifi plan, the merge base of HEAD and origin/main, else main, else HEAD)',
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
      const baseProducts = await baseProductsOf(root, options.base);
      let report: ValidationReport;
      try {
        report = validateRepository(root, baseProducts);
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
