import { printablePath } from '@meshifi/common';
import { Command } from 'commander';
import { formatRendered } from '../render/formatRendered';
import { RenderFailure } from '../render/renderComposite';
import { renderFile } from '../render/renderFile';

/**
 * `meshifi render FILE`: the managed resources the composition function
 * makes of a DataProduct or DataDomain file, in this process, printed as
 * `crossplane render` prints them. Exit code 1 when the function refuses the
 * file (its message says why), 2 when the file cannot be read.
 */
export function renderCommand(): Command {
  return new Command('render')
    .description(
      'Print the resources the meshifi composition function makes of a DataProduct or DataDomain file, as crossplane render does, without Docker or a cluster',
    )
    .argument('<file>', 'the DataProduct or DataDomain file')
    .option(
      '--domain <file>',
      "the DataDomain file of the product's domain (default: domains/<domain>/domain.yaml of the product's repository)",
    )
    .action(async (file: string, options: { domain?: string }) => {
      try {
        const rendered = await renderFile(file, { domainFile: options.domain });
        process.stdout.write(formatRendered(rendered));
        process.exitCode = 0;
      } catch (error) {
        if (!(error instanceof RenderFailure)) {
          throw error;
        }
        process.stderr.write(
          `meshifi: ${printablePath(file)} cannot be composed: ${printablePath(
            error.message,
          )}\n`,
        );
        process.exitCode = 1;
      }
    });
}
