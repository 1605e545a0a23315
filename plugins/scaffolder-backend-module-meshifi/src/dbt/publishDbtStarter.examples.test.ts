/*
 * meshifi:dbt:publish-starter's examples against a real smart-HTTP git
 * server: the product the create step wrote with the dbt page's answers
 * ("create one for me"), its starter project rendered into the workspace,
 * committed to the platform's starter repository in the folder its
 * spec.capabilities.dbt names. The repository's https address is the one
 * the platform configures; git's url.<base>.insteadOf sends it to the
 * loopback server, as a mirror would.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { DataProduct } from '@meshifi/common';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { parse, stringify } from 'yaml';
import { runExample } from '../__testUtils__/runExample';
import { publishDbtStarterAction } from './publishDbtStarter';
import { examples } from './publishDbtStarter.examples';
import {
  createStarterProduct,
  starterPlatform,
} from './__testUtils__/starterProduct';

jest.setTimeout(60_000);

const STARTER_REPOSITORY = 'https://git.example.test/dbt-starters.git';

const RENDERED = {
  'dbt_project.yml': 'name: customer_orders\nprofile: meshifi\n',
  models: { curated: { 'events_per_day.sql': 'select 1 as events\n' } },
};

describe('meshifi:dbt:publish-starter examples', () => {
  const dir = createMockDirectory();
  const workspacePath = path.join(dir.path, 'workspace');
  const platform = starterPlatform(STARTER_REPOSITORY);
  const config = new ConfigReader({ meshifi: { platform } });
  let server: GitHttpServer;
  let remote: string;
  let product: Record<string, unknown>;
  const saved = { ...process.env };

  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: remote, encoding: 'utf8' });

  beforeEach(async () => {
    dir.clear();
    server = await startGitHttpServer(path.join(dir.path, 'server'));
    remote = await createBareRepository(
      path.join(dir.path, 'server'),
      'dbt-starters.git',
    );
    // https://git.example.test/<repo> is served by the loopback server.
    Object.assign(process.env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `url.${server.url('')}.insteadOf`,
      GIT_CONFIG_VALUE_0: 'https://git.example.test/',
    });
    product = await createStarterProduct({ workspacePath, platform });
    dir.addContent({ 'workspace/dbt-starter': RENDERED });
  });
  afterEach(async () => {
    process.env = { ...saved };
    await server.stop();
  });

  const publish = (example: TemplateExample, withConfig = config) =>
    runExample(publishDbtStarterAction({ config: withConfig }), example, {
      workspacePath,
      outputs: { product },
    });

  it("puts the starter where the product's dbt runs will clone it from", async () => {
    const manifest = parse(product.manifest as string) as DataProduct;
    expect(manifest.spec.capabilities?.dbt).toMatchObject({
      repository: STARTER_REPOSITORY,
      path: 'sales/customer-orders',
    });
  });

  it(`${examples[0].description}`, async () => {
    const outputs = await publish(examples[0]);
    expect(outputs).toEqual({
      repository: STARTER_REPOSITORY,
      revision: 'main',
      path: 'sales/customer-orders',
      commit: git('rev-parse', 'main').trim(),
      created: true,
    });
    expect(git('log', '-1', '--format=%s', 'main').trim()).toBe(
      'Add the starter dbt project of customer-orders',
    );
    expect(
      git('ls-tree', '-r', '--name-only', 'main', 'sales/customer-orders')
        .trim()
        .split('\n'),
    ).toEqual([
      'sales/customer-orders/dbt_project.yml',
      'sales/customer-orders/models/curated/events_per_day.sql',
    ]);
    expect(git('show', 'main:sales/customer-orders/dbt_project.yml')).toBe(
      RENDERED['dbt_project.yml'],
    );
  });

  it(`${examples[1].description}`, async () => {
    const outputs = await publish(examples[1]);
    expect(outputs.created).toBe(true);
    expect(git('log', '-1', '--format=%s', 'main').trim()).toBe(
      'Add the starter dbt project of customer-orders',
    );
  });

  it('commits nothing the second time (a retried task)', async () => {
    const first = await publish(examples[0]);
    const again = await publish(examples[0]);
    expect(again).toEqual({ ...first, created: false });
  });

  it('refuses when the platform has no starter repository, and pushes nothing', async () => {
    const pushes = server.pushes();
    await expect(
      publish(
        examples[0],
        new ConfigReader({
          meshifi: {
            platform: { project: 'meshifi-platform', location: 'EU' },
          },
        }),
      ),
    ).rejects.toThrow(
      /no repository for starter dbt projects: ask the platform team to set meshifi\.platform\.capabilities\.dbt\.starterRepository/,
    );
    expect(server.pushes()).toBe(pushes);
  });

  it("refuses a manifest whose dbt project is another repository: it only writes to the platform's", async () => {
    const manifest = parse(product.manifest as string);
    manifest.spec.capabilities.dbt.repository =
      'https://git.example.test/someone-elses.git';
    const pushes = server.pushes();
    await expect(
      runExample(publishDbtStarterAction({ config }), examples[0], {
        workspacePath,
        outputs: { product: { ...product, manifest: stringify(manifest) } },
      }),
    ).rejects.toThrow(/only put into the starter repository/);
    expect(server.pushes()).toBe(pushes);
  });

  it('refuses a product without a dbt project, saying when to run the step', async () => {
    const manifest = parse(product.manifest as string);
    delete manifest.spec.capabilities;
    await expect(
      runExample(publishDbtStarterAction({ config }), examples[0], {
        workspacePath,
        outputs: { product: { ...product, manifest: stringify(manifest) } },
      }),
    ).rejects.toThrow(/run this step only when the analyst asked for one/);
  });

  it('refuses when nothing was rendered into the folder', async () => {
    await fs.rm(path.join(workspacePath, 'dbt-starter'), { recursive: true });
    await expect(publish(examples[0])).rejects.toThrow(
      /no folder dbt-starter with the starter project: render it there first with fetch:template/,
    );
  });
});
