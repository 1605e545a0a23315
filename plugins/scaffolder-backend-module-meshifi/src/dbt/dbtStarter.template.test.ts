/*
 * "Create one for me" end to end: the data-product template run by the
 * real scaffolder of a started backend through its API, with the dbt page's
 * answers. Its fetch:template renders the starter project from the folder
 * beside the template, the starter lands in the platform's starter
 * repository on a real smart-HTTP git server in the folder the committed
 * product names, and (with dbt installed) the pushed project parses with
 * the profiles.yml the dbt capability composes for the committed product.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { scaffolderModuleMeshifi } from '../module';
import { dbtProgram, runDbt } from './__testUtils__/dbt';
import {
  composedProfilesYml,
  starterPlatform,
} from './__testUtils__/starterProduct';
import { SALES_ORG_YAML } from '../__testUtils__/salesOrg';

jest.setTimeout(180_000);

const STARTER_REPOSITORY = 'https://git.example.test/dbt-starters.git';

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../templates/data-product/template.yaml',
);

describe('the data-product template with a starter dbt project', () => {
  const dir = createMockDirectory();
  const platform = {
    ...starterPlatform(STARTER_REPOSITORY),
    project: 'meshifi-test',
  };
  let git: GitHttpServer;
  let gitops: string;
  let starters: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const saved = { ...process.env };

  const api = () => request(server);
  const auth = mockCredentials.user.header();
  const gitIn = (repository: string, ...args: string[]) =>
    execFileSync('git', args, { cwd: repository, encoding: 'utf8' });

  async function runTemplate(values: Record<string, unknown>) {
    const created = await api()
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef: 'template:default/data-product', values });
    expect(created.status).toBe(201);
    // Bounded: a task that never ends is reported with what it said.
    for (let waited = 0; ; waited += 200) {
      const task = await api()
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', auth);
      if (
        ['completed', 'failed', 'cancelled'].includes(task.body.status) ||
        waited > 60_000
      ) {
        const events = await api()
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', auth);
        return {
          status: task.body.status as string,
          log: (events.body as Array<{ body: { message?: string } }>)
            .map(e => e.body.message ?? '')
            .join('\n'),
        };
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  const answers = (name: string, dbt: Record<string, unknown>) => ({
    name,
    title: 'Customer orders',
    version: '0.1.0',
    domain: 'domain:default/sales',
    owners: ['group:default/sales-analytics', 'user:default/ana'],
    dbt,
  });

  beforeAll(async () => {
    dir.setContent({ 'org.yaml': SALES_ORG_YAML, work: {} });
    const root = path.join(dir.path, 'server');
    git = await startGitHttpServer(root);
    gitops = await createBareRepository(root, 'gitops.git');
    starters = await createBareRepository(root, 'dbt-starters.git');
    // The platform's https address of the starter repository is served by
    // the loopback server: git's url.<base>.insteadOf, as a mirror would.
    Object.assign(process.env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `url.${git.url('')}.insteadOf`,
      GIT_CONFIG_VALUE_0: 'https://git.example.test/',
    });
    ({ server } = await startTestBackend({
      features: [
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: path.join(dir.path, 'work') },
            catalog: {
              rules: [
                { allow: ['Template', 'Group', 'User', 'Domain', 'Location'] },
              ],
              locations: [
                { type: 'file', target: path.join(dir.path, 'org.yaml') },
                { type: 'file', target: TEMPLATE },
              ],
            },
            meshifi: { platform, gitops: { url: git.url('gitops.git') } },
          },
        }),
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        scaffolderPlugin,
        scaffolderModuleMeshifi,
      ],
    }));
    // Until the catalog has the template and the owners; a bounded wait, so
    // that a template the catalog refuses fails here instead of hanging.
    for (let waited = 0; ; waited += 200) {
      if (waited > 60_000) {
        throw new Error(
          'The catalog did not read the data-product template in a minute',
        );
      }
      const found = await Promise.all(
        ['template/default/data-product', 'user/default/ana'].map(ref =>
          api()
            .get(`/api/catalog/entities/by-name/${ref}`)
            .set('Authorization', auth),
        ),
      );
      if (found.every(res => res.status === 200)) break;
      await new Promise(r => setTimeout(r, 200));
    }
  });
  afterAll(async () => {
    process.env = { ...saved };
    await git.stop();
  });

  it("puts the rendered starter into the starter repository, in the folder the committed product's dbt runs clone", async () => {
    const run = await runTemplate(
      answers('customer-orders', {
        enabled: true,
        project: 'starter',
        schedule: '0 6 * * *',
        command: 'dbt build',
      }),
    );
    expect({
      status: run.status,
      log: run.status === 'completed' ? '' : run.log,
    }).toEqual({
      status: 'completed',
      log: '',
    });
    const product = parse(
      gitIn(gitops, 'show', 'main:domains/sales/products/customer-orders.yaml'),
    );
    const { repository, path: folder } = product.spec.capabilities.dbt;
    expect(repository).toBe(STARTER_REPOSITORY);
    const files = gitIn(
      starters,
      'ls-tree',
      '-r',
      '--name-only',
      'main',
      folder,
    )
      .trim()
      .split('\n')
      .map(file => file.slice(folder.length + 1));
    expect(files).toEqual(
      expect.arrayContaining([
        'dbt_project.yml',
        'README.md',
        'macros/generate_schema_name.sql',
        'models/sources.yml',
        'models/cleaned/events.sql',
        'models/curated/events_per_day.sql',
      ]),
    );
    expect(files.filter(file => file.endsWith('.njk'))).toEqual([]);
    expect(gitIn(starters, 'log', '-1', '--format=%s', 'main').trim()).toBe(
      'Add the starter dbt project of customer-orders',
    );
    // dbt's Jinja came through untouched; the values went in.
    expect(
      gitIn(starters, 'show', `main:${folder}/macros/generate_schema_name.sql`),
    ).toContain('{% macro generate_schema_name(custom_schema_name, node) -%}');
    expect(gitIn(starters, 'show', `main:${folder}/dbt_project.yml`)).toContain(
      "env_var('MESHIFI_CLEANED_DATASET', 'customer_orders_cleaned')",
    );

    const dbt = dbtProgram();
    if (!dbt) {
      return;
    }
    const checkout = path.join(dir.path, 'checkout');
    // From the server's folder: a synchronous clone over HTTP would block
    // the git server, which runs in this process.
    execFileSync('git', ['clone', '--quiet', starters, checkout]);
    const profiles = path.join(dir.path, 'profiles');
    await fs.mkdir(profiles, { recursive: true });
    const { profilesYml } = composedProfilesYml(
      stringify(product),
      platform,
      undefined,
    );
    await fs.writeFile(path.join(profiles, 'profiles.yml'), profilesYml);
    await runDbt(
      dbt,
      ['parse', '--profiles-dir', profiles, '--target', 'owner'],
      {
        cwd: path.join(checkout, folder),
      },
    );
  });

  it('makes no starter project when the analyst has one of their own', async () => {
    const before = gitIn(starters, 'rev-parse', 'main');
    const run = await runTemplate(
      answers('web-orders', {
        enabled: true,
        project: 'existing',
        repository: 'https://github.com/acme/sales-dbt.git',
        schedule: '0 6 * * *',
        command: 'dbt build',
      }),
    );
    expect(run.status).toBe('completed');
    expect(gitIn(starters, 'rev-parse', 'main')).toBe(before);
  });

  it('makes none without dbt', async () => {
    const before = gitIn(starters, 'rev-parse', 'main');
    const run = await runTemplate(answers('refunds', { enabled: false }));
    expect(run.status).toBe('completed');
    expect(gitIn(starters, 'rev-parse', 'main')).toBe(before);
  });
});
