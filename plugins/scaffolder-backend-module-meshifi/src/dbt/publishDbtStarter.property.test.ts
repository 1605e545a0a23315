/*
 * Whatever the manifest given to meshifi:dbt:publish-starter says of where
 * the dbt project is (a hand-written template, a careless step), the action
 * only ever writes into a relative folder without `..` of the platform's
 * starter repository, or refuses with an InputError that says why. Dry runs:
 * the decision is made before any git command.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fc from 'fast-check';
import path from 'path';
import { stringify } from 'yaml';
import { publishDbtStarterAction } from './publishDbtStarter';

const STARTER = 'https://git.example.test/dbt-starters.git';

/** A relative folder: names that do not start with a dot or a dash, between single slashes. */
const SAFE_FOLDER =
  /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '..',
    '../../etc',
    'sales/../../x',
    '/etc/passwd',
    '-c core.hooksPath=x',
    '.git/hooks',
    'sales//orders',
    'sales/orders/',
    'https://evil.example/x.git',
    `${STARTER}/../other.git`,
    'https://user:token@git.example.test/dbt-starters.git',
    '',
  ),
);

const manifestWith = (dbt: Record<string, unknown>) =>
  stringify({
    apiVersion: 'meshifi.io/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'customer-orders', namespace: 'sales' },
    spec: {
      info: { name: 'customer-orders', version: '0.1.0' },
      domain: 'sales',
      access: { owners: ['ana@example.com'] },
      capabilities: { dbt: { schedule: '0 6 * * *', ...dbt } },
    },
  });

describe('meshifi:dbt:publish-starter with any manifest', () => {
  const dir = createMockDirectory();
  const action = publishDbtStarterAction({
    config: new ConfigReader({
      meshifi: {
        platform: {
          project: 'meshifi-test',
          location: 'EU',
          capabilities: { dbt: { starterRepository: STARTER } },
        },
      },
    }),
  });

  beforeAll(() => {
    dir.setContent({ workspace: { 'dbt-starter': { 'dbt_project.yml': '' } } });
  });

  async function dryRun(manifest: string) {
    // The mock context leaves isDryRun out of what it takes.
    const ctx = {
      ...createMockActionContext({
        workspacePath: path.join(dir.path, 'workspace'),
        input: { manifest, sourcePath: 'dbt-starter' },
      }),
      isDryRun: true,
    };
    await action.handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  it('writes only into a safe folder of the starter repository, or refuses in words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('sales/customer-orders'), hostile),
        fc.oneof(fc.constant(STARTER), hostile),
        async (folder, repository) => {
          const outcome = await dryRun(
            manifestWith({ path: folder, repository }),
          ).then(
            outputs => ({ outputs, refused: undefined }),
            (error: Error) => ({ outputs: undefined, refused: error }),
          );
          const refusedInWords =
            outcome.refused instanceof InputError &&
            outcome.refused.message !== '';
          const writesSafely =
            outcome.outputs?.repository === STARTER &&
            outcome.outputs?.path === folder &&
            SAFE_FOLDER.test(folder) &&
            !folder.split('/').includes('..');
          expect({ refusedInWords, writesSafely, folder }).toEqual({
            refusedInWords: outcome.refused !== undefined,
            writesSafely: outcome.refused === undefined,
            folder,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses any text that is not a data product, in words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.anything().map(value => stringify(value)),
        ),
        async text => {
          await expect(dryRun(text)).rejects.toBeInstanceOf(InputError);
        },
      ),
      { numRuns: 200 },
    );
  });
});
