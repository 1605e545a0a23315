import { Command } from 'commander';
import { planCommand } from './commands/plan';
import { renderCommand } from './commands/render';
import { newCommand } from './commands/new';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';

/**
 * The `meshifi` command and its subcommands. Each subcommand is one file in
 * ./commands that adds itself to the program; this is the one list of them.
 */
export function createProgram(): Command {
  const program = new Command('meshifi')
    .description(
      'Validate, plan, render and create meshifi data products in a GitOps repository',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(planCommand());
  program.addCommand(renderCommand());
  program.addCommand(newCommand());
  program.addCommand(statusCommand());
  program.addCommand(validateCommand());
  return program;
}
