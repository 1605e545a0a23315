import {
  compose,
  dataDomainManifest,
  dataProductManifest,
  DataProduct,
  datasetId,
  gitopsPath,
  serviceAccountEmail,
  serviceAccountId,
} from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';
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

const PROJECT = 'acme-sales-data';
const domain = dataDomainManifest('sales', {
  owner: 'group:default/sales-team',
  gcpProject: PROJECT,
});
const orders = (spec: Partial<DataProduct['spec']> = {}) =>
  dataProductManifest({
    info: {
      name: 'orders',
      version: '1.0.0',
      title: 'Orders',
      description: 'Every order.',
    },
    access: { owners: ['ana@example.com', 'pat@example.com'] },
    domain: 'sales',
    ...spec,
  });
const ORDERS_FILE = gitopsPath(orders());
const ACCOUNT = serviceAccountEmail(serviceAccountId('orders'), PROJECT);
const LAYERS = ['raw', 'cleaned', 'curated'] as const;

let repo: TestGitRepository;

async function plan(args: string[] = []) {
  const result = await runCli(['plan', ...args], { cwd: repo.dir });
  return result;
}

async function planJson(args: string[] = []): Promise<PlanReport> {
  const { code, stdout, stderr } = await plan([...args, '--format', 'json']);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout);
}

describe('meshifi plan on a series of commits', () => {
  const commits: Record<string, string> = {};

  beforeAll(async () => {
    repo = await createTestGitRepository();
    await repo.write(gitopsPath(domain), stringify(domain));
    commits.domain = await repo.commitAll('The sales domain');
  });

  afterAll(() => repo?.dispose());

  it('creates a new product: its datasets, service account and the owners’ access, as compose() gives them', async () => {
    // Uncommitted: the working tree counts.
    await repo.write(ORDERS_FILE, stringify(orders()));
    const report = await planJson();
    expect(report.base).toMatchObject({
      ref: 'main',
      commit: commits.domain,
    });
    expect(report.dataLoss).toEqual([]);
    expect(report.products).toHaveLength(1);
    const [product] = report.products;
    expect(product).toMatchObject({
      product: 'orders',
      domain: 'sales',
      file: ORDERS_FILE,
      change: [],
      delete: [],
      problems: [],
    });
    const composed = compose(orders(), packagedPlatform(), domain);
    expect(product.create.map(r => r.name).sort()).toEqual(
      composed.map(c => c.resource.metadata.name).sort(),
    );

    const { code, stdout } = await plan();
    expect(code).toBe(0);
    expect(stdout).toContain('the merge base of HEAD and main');
    for (const layer of LAYERS) {
      expect(stdout).toContain(
        `+ BigQuery dataset ${datasetId(
          'orders',
          layer,
        )} (${layer} layer) in EU, project ${PROJECT}`,
      );
    }
    expect(stdout).toContain(`+ ana@example.com may act as ${ACCOUNT}`);
    expect(stdout).toContain(`+ pat@example.com may act as ${ACCOUNT}`);
    expect(stdout).toContain('10 to create, 0 to change, 0 to delete');
    commits.created = await repo.commitAll('The orders product');
  });

  it('changes the owners: one access goes, another comes, nothing else moves', async () => {
    await repo.write(
      ORDERS_FILE,
      stringify(
        orders({ access: { owners: ['ana@example.com', 'bob@example.com'] } }),
      ),
    );
    commits.owners = await repo.commitAll('Bob instead of Pat');
    const report = await planJson(['--base', commits.created]);
    expect(report.base).toMatchObject({
      ref: commits.created,
      commit: commits.created,
    });
    const [product] = report.products;
    expect(product.create.map(r => r.owner)).toEqual(['bob@example.com']);
    expect(product.delete.map(r => r.owner)).toEqual(['pat@example.com']);
    expect(product.change).toEqual([]);
    expect(report.dataLoss).toEqual([]);

    const { stdout } = await plan(['--base', commits.created]);
    expect(stdout).toContain(`+ bob@example.com may act as ${ACCOUNT}`);
    expect(stdout).toContain(`- pat@example.com may act as ${ACCOUNT}`);
    expect(stdout).not.toContain('DATA LOSS');
  });

  it('changes the title: the display name of each dataset, in words, with its old and new value', async () => {
    await repo.write(
      ORDERS_FILE,
      stringify(
        orders({
          info: {
            name: 'orders',
            version: '1.0.0',
            title: 'Shop orders',
            description: 'Every order.',
          },
          access: { owners: ['ana@example.com', 'bob@example.com'] },
        }),
      ),
    );
    commits.title = await repo.commitAll('A better title');
    const report = await planJson(['--base', commits.owners]);
    const [product] = report.products;
    expect(product).toMatchObject({ create: [], delete: [] });
    expect(product.change.map(c => c.externalName).sort()).toEqual(
      LAYERS.map(layer => datasetId('orders', layer)).sort(),
    );
    for (const change of product.change) {
      expect(change.fields).toEqual([
        {
          field: 'spec.forProvider.friendlyName',
          words: 'display name',
          before: `Orders (${change.layer})`,
          after: `Shop orders (${change.layer})`,
        },
      ]);
    }
    const { stdout } = await plan(['--base', commits.owners]);
    expect(stdout).toContain(
      `~ BigQuery dataset ${datasetId(
        'orders',
        'raw',
      )} (raw layer) in EU, project ${PROJECT}: display name "Orders (raw)" → "Shop orders (raw)"`,
    );
  });

  it('changes only the description, which nothing in Google Cloud holds: says so', async () => {
    const current = orders({
      info: {
        name: 'orders',
        version: '1.0.0',
        title: 'Shop orders',
        description: 'Orders of the web shop.',
      },
      access: { owners: ['ana@example.com', 'bob@example.com'] },
    });
    await repo.write(ORDERS_FILE, stringify(current));
    commits.description = await repo.commitAll('A better description');
    const report = await planJson(['--base', commits.title]);
    expect(report.products).toEqual([
      expect.objectContaining({
        file: ORDERS_FILE,
        create: [],
        change: [],
        delete: [],
      }),
    ]);
    const { stdout } = await plan(['--base', commits.title]);
    expect(stdout).toContain('nothing changes in Google Cloud');
  });

  it('deletes the product: its datasets are called out first and loudly, as data loss', async () => {
    await repo.remove(ORDERS_FILE);
    commits.deleted = await repo.commitAll('No more orders');
    const report = await planJson(['--base', commits.description]);
    expect(report.dataLoss.map(l => l.dataset).sort()).toEqual(
      LAYERS.map(layer => datasetId('orders', layer)).sort(),
    );
    expect(
      report.dataLoss.every(
        l => l.project === PROJECT && l.product === 'orders',
      ),
    ).toBe(true);
    const [product] = report.products;
    expect(product.delete).toHaveLength(10);
    expect(product.delete.slice(0, 3).map(r => r.role)).toEqual([
      'dataset',
      'dataset',
      'dataset',
    ]);

    const { stdout } = await plan(['--base', commits.description]);
    const warning = stdout.indexOf(
      'DATA LOSS: this change deletes 3 BigQuery datasets',
    );
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(stdout.indexOf('Data product orders'));
    expect(stdout).toContain(
      `- ${datasetId(
        'orders',
        'raw',
      )} in project ${PROJECT}, of the data product orders`,
    );

    const markdown = await plan([
      '--base',
      commits.description,
      '--format',
      'markdown',
    ]);
    expect(
      markdown.stdout.startsWith(
        '## meshifi plan\n\n> [!CAUTION]\n> **DATA LOSS',
      ),
    ).toBe(true);
    expect(markdown.stdout).toContain('| ➖ delete | BigQuery dataset');
  });

  it('plans nothing when the working tree is its base', async () => {
    const { code, stdout } = await plan(['--base', 'HEAD']);
    expect(code).toBe(0);
    expect(stdout).toContain('No change in Google Cloud');
  });
});

describe('meshifi plan on what it cannot plan', () => {
  beforeEach(async () => {
    repo = await createTestGitRepository();
    await repo.write(gitopsPath(domain), stringify(domain));
    await repo.write(ORDERS_FILE, stringify(orders()));
    await repo.commitAll('The sales domain and its orders');
  });

  afterEach(() => repo.dispose());

  it('says a changed file is broken YAML, plans nothing of its product, and still exits 0', async () => {
    await repo.write(
      ORDERS_FILE,
      'apiVersion: meshifi.io/v1alpha1\nspec: [unclosed\n',
    );
    const report = await planJson();
    expect(report.products).toHaveLength(1);
    expect(report.products[0]).toMatchObject({
      file: ORDERS_FILE,
      create: [],
      delete: [],
    });
    expect(report.products[0].problems[0]).toContain('is not valid YAML');
    expect(report.dataLoss).toEqual([]);
    const { stdout } = await plan();
    expect(stdout).toContain(`! ${ORDERS_FILE} is not valid YAML`);
  });

  it('never follows a link where a product belongs, and says so', async () => {
    const secret = path.join(repo.dir, 'secret.txt');
    await fs.writeFile(secret, 'password: hunter2\n');
    const link = 'domains/sales/products/leak.yaml';
    await fs.symlink(secret, path.join(repo.dir, link));
    const { code, stdout } = await plan();
    expect(code).toBe(0);
    expect(stdout).toContain(
      `! ${link} cannot be read: it is not a plain file`,
    );
    expect(stdout).not.toContain('hunter2');
  });

  it('shows all as new when the base had broken YAML, and says why', async () => {
    await repo.write(ORDERS_FILE, 'spec: [unclosed\n');
    const broken = await repo.commitAll('Broken');
    await repo.write(ORDERS_FILE, stringify(orders()));
    const report = await planJson(['--base', broken]);
    expect(report.products[0].create).toHaveLength(10);
    expect(report.products[0].problems[0]).toContain(
      'version at the base is broken',
    );
  });

  it('refuses a base that does not exist with exit code 2 and a message, never a stack trace', async () => {
    for (const base of [
      'no-such-branch',
      '--upload-pack=touch pwned',
      'main\nHEAD',
    ]) {
      const { code, stdout, stderr } = await plan(['--base', base]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(
        /^meshifi: The base ".*" is not a commit of this repository/,
      );
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses to run outside a git repository with exit code 2', async () => {
    const { code, stderr } = await runCli(['plan'], { cwd: '/' });
    expect(code).toBe(2);
    expect(stderr).toContain('is not in a git repository');
  });

  it('compares a branch with where it left main, committed or not', async () => {
    await repo.git('checkout', '--quiet', '-b', 'more-orders');
    const returns = dataProductManifest({
      info: { name: 'returns', version: '1.0.0' },
      access: { owners: ['ana@example.com'] },
      domain: 'sales',
    });
    await repo.write(gitopsPath(returns), stringify(returns));
    await repo.commitAll('Returns');
    const report = await planJson();
    expect(report.base.description).toContain(
      'the merge base of HEAD and main',
    );
    expect(report.products.map(p => p.product)).toEqual(['returns']);

    // Once the remote's main has it, the branch has nothing left to merge.
    await repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    const merged = await planJson();
    expect(merged.base.description).toContain(
      'the merge base of HEAD and origin/main',
    );
    expect(merged.products).toEqual([]);
  });
});
