import { Command } from 'commander';
import { readScaffoldRepository } from '../scaffold/readScaffoldRepository';
import { scaffoldDomain } from '../scaffold/scaffoldDomain';
import { askDomain, DomainFlags } from './newDomainQuestions';
import { NewCommandDeps } from './newPrompts';
import { Questions } from './newQuestions';
import { repositoryRootOf, writeScaffolded } from './newWrite';

/** `meshifi new domain`: its flags, one per question, and what it does. */
export function newDomainCommand(deps: Required<NewCommandDeps>): Command {
  return new Command('domain')
    .description('Write a new data domain file at its place in the repository')
    .option('--name <name>', 'the domain name, e.g. sales')
    .option('--project <project>', "the domain's Google Cloud project")
    .option('--owner <group>', 'the owning team, e.g. group:default/sales-team')
    .option('--title <title>', 'how people see it in the catalog')
    .option('--description <text>', 'what the domain covers')
    .action(async (flags: DomainFlags) => {
      const root = await repositoryRootOf(deps.cwd());
      const repository = await readScaffoldRepository(root);
      const answers = await askDomain(
        new Questions(deps, 'domain'),
        flags,
        repository,
      );
      process.exitCode = await writeScaffolded(
        root,
        scaffoldDomain(answers, repository),
      );
    });
}
