import { Command } from 'commander';
import { readScaffoldRepository } from '../scaffold/readScaffoldRepository';
import { FIRST_VERSION, scaffoldProduct } from '../scaffold/scaffoldProduct';
import { NewCommandDeps } from './newPrompts';
import { askProduct, ProductFlags } from './newProductQuestions';
import { Questions } from './newQuestions';
import { repositoryRootOf, writeScaffolded } from './newWrite';

/** A repeated option's values, in the order given. */
const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

/** `meshifi new product`: its flags, one per question, and what it does. */
export function newProductCommand(deps: Required<NewCommandDeps>): Command {
  return new Command('product')
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
      const root = await repositoryRootOf(deps.cwd());
      const repository = await readScaffoldRepository(root);
      const answers = await askProduct(
        new Questions(deps, 'product'),
        flags,
        repository,
      );
      process.exitCode = await writeScaffolded(
        root,
        scaffoldProduct(answers, repository),
      );
    });
}
