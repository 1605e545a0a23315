import { Command, Option } from 'commander';
import { packagedPlatform } from '../platform/packagedPlatform';
import { formatPlanMarkdown } from '../plan/formatPlanMarkdown';
import { formatPlanText } from '../plan/formatPlanText';
import { planChange } from '../plan/planChange';
import { planReport } from '../plan/planReport';
import { resolvePlanBase } from '../repository/planBase';
import { readChangeSnapshots } from '../repository/readChangeSnapshots';
import { repositoryRoot } from '../repository/repositoryRoot';

type PlanFormat = 'text' | 'json' | 'markdown';

const FORMATTERS = {
  text: formatPlanText,
  markdown: formatPlanMarkdown,
  json: (report: unknown) => `${JSON.stringify(report, null, 2)}\n`,
} as const;

/**
 * `meshifi plan [--base REF]`: what merging the working tree's change does
 * in Google Cloud, by product, composed with the model's compose() as the
 * platform composes. Informative: exit code 0 whatever it plans, 2 when the
 * repository or the base cannot be read.
 */
export function planCommand(): Command {
  return new Command('plan')
    .description(
      'Show what merging this change does in Google Cloud: resources created, changed and deleted, by data product',
    )
    .option(
      '--base <ref>',
      'the branch, tag or commit to compare with (default: the merge base of HEAD and origin/main, else main, else HEAD)',
    )
    .addOption(
      new Option('--format <format>', 'how to print the plan')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .action(async (options: { base?: string; format: PlanFormat }) => {
      const root = await repositoryRoot(process.cwd());
      const base = await resolvePlanBase(root, options.base);
      const sides = await readChangeSnapshots(root, base);
      const plan = planChange(sides.base, sides.head, packagedPlatform());
      process.stdout.write(FORMATTERS[options.format](planReport(base, plan)));
      process.exitCode = 0;
    });
}
