import { Command } from 'commander';
import { newDomainCommand } from './newDomain';
import { newProductCommand } from './newProduct';
import { NewCommandDeps, resolveNewCommandDeps } from './newPrompts';

export type { NewCommandDeps, Prompts } from './newPrompts';

/**
 * `meshifi new product` and `meshifi new domain`: ask for what the Create
 * page asks (every answer also a flag, for scripts and for use without a
 * terminal) and write a valid manifest at its place in the GitOps
 * repository, never over an existing file.
 */
export function newCommand(deps: NewCommandDeps = {}): Command {
  const resolved = resolveNewCommandDeps(deps);
  return new Command('new')
    .description(
      'Create a data product or a data domain file in the GitOps repository, by answering questions',
    )
    .addCommand(newProductCommand(resolved))
    .addCommand(newDomainCommand(resolved));
}
