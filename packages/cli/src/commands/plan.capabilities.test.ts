/*
 * `meshifi plan` on products that turn capabilities on and off: the built
 * binary in a git repository made here. A capability's resources are
 * planned as the Composition's pipeline composes them, with the settings
 * the package ships in each capability's step.
 */
import {
  composeWithCapabilities,
  dataDomainManifest,
  dataProductManifest,
  gitopsPath,
} from '@meshifi/common';
import { stringify } from 'yaml';
import { useBuiltCli } from '../__testUtils__/runCli';
import {
  createTestGitRepository,
  TestGitRepository,
} from '../__testUtils__/testGitRepository';
import { packagedPlatform } from '../platform/packagedPlatform';
import type { PlanReport } from '../plan/planReport';

jest.setTimeout(60_000);

const runCli = useBuiltCli();

const domain = dataDomainManifest('sales', {
  owner: 'group:default/sales-team',
  gcpProject: 'acme-sales-data',
});
const orders = (capabilities?: Record<string, unknown>) =>
  dataProductManifest({
    info: { name: 'orders', version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    ...(capabilities ? { capabilities } : {}),
  });
const FILE = gitopsPath(orders());
const dbt = {
  repository: 'https://github.com/acme/orders-dbt.git',
  schedule: '0 6 * * *',
};

/** What the pipeline composes for the product beyond the core. */
const capabilityResources = (capabilities: Record<string, unknown>) =>
  composeWithCapabilities(orders(capabilities), packagedPlatform(), domain)
    .filter(r => r.role === 'capability')
    .map(r => r.summary)
    .sort();

let repo: TestGitRepository;

async function planJson(args: string[] = []): Promise<PlanReport> {
  const { code, stdout, stderr } = await runCli(
    ['plan', ...args, '--format', 'json'],
    { cwd: repo.dir },
  );
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout);
}

describe('meshifi plan with capabilities', () => {
  let withoutDbt: string;

  beforeAll(async () => {
    repo = await createTestGitRepository();
    await repo.write(gitopsPath(domain), stringify(domain));
    await repo.write(FILE, stringify(orders()));
    withoutDbt = await repo.commitAll('The orders product');
  });

  afterAll(() => repo?.dispose());

  it("creates dbt's resources when a product turns dbt on, and nothing else", async () => {
    await repo.write(FILE, stringify(orders({ dbt })));
    const report = await planJson();
    const [product] = report.products;
    expect(product.problems).toEqual([]);
    expect(product.delete).toEqual([]);
    expect(product.change).toEqual([]);
    expect(product.create.map(r => r.summary).sort()).toEqual(
      capabilityResources({ dbt }),
    );
    expect(product.create.map(r => r.kind)).toEqual(
      expect.arrayContaining(['CronJob', 'ConfigMap', 'ServiceAccount']),
    );
    const text = await runCli(['plan'], { cwd: repo.dir });
    for (const summary of capabilityResources({ dbt })) {
      expect(text.stdout).toContain(`+ ${summary}`);
    }
  });

  it("deletes them when it turns dbt off again, and says why a capability's fragment cannot be planned", async () => {
    await repo.write(FILE, stringify(orders({ dbt })));
    const withDbt = await repo.commitAll('dbt for orders');
    await repo.write(FILE, stringify(orders()));
    const off = await planJson(['--base', withDbt]);
    expect(off.products[0].delete.map(r => r.summary).sort()).toEqual(
      capabilityResources({ dbt }),
    );
    expect(off.products[0].create).toEqual([]);

    await repo.write(
      FILE,
      stringify(orders({ dbt: { ...dbt, schedule: 'daily' } })),
    );
    const broken = await planJson(['--base', withoutDbt]);
    expect(broken.products[0].create).toEqual([]);
    expect(broken.products[0].problems).toEqual([
      expect.stringContaining('spec.capabilities.dbt.schedule'),
    ]);
  });
});
