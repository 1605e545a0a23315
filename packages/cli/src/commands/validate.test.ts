/*
 * `meshifi validate` as a user runs it: the built binary, spawned in git
 * repositories made here, its exit code and what it prints.
 */
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import {
  ALIAS_BOMB,
  domainYaml,
  gitRepository,
  grantYaml,
  productYaml,
} from '../__testUtils__/gitopsFiles';
import { useBuiltCli } from '../__testUtils__/runCli';
import { ValidationReport } from '../validate/ValidationProblem';

const runCli = useBuiltCli();

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'meshifi-validate-cli-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

let repositories = 0;
/** A git repository holding a sales domain and its orders product, and `files` on top. */
function repository(files: Record<string, string> = {}) {
  return gitRepository(path.join(workDir, `repo-${++repositories}`), {
    'README.md': '# The data mesh of Acme\n',
    'domains/sales/domain.yaml': domainYaml('sales'),
    'domains/sales/products/orders.yaml': productYaml('orders'),
    ...files,
  });
}

async function validateJson(cwd: string) {
  const run = await runCli(['validate', '--format', 'json'], { cwd });
  return { ...run, report: JSON.parse(run.stdout) as ValidationReport };
}

describe('meshifi validate', () => {
  it('passes a clean repository with exit code 0, saying what it checked', async () => {
    const repo = repository({
      'domains/finance/domain.yaml': domainYaml('finance'),
      'domains/finance/products/invoices.yaml': productYaml(
        'invoices',
        'finance',
      ),
    });
    const run = await runCli(['validate'], { cwd: repo });
    expect(run).toEqual({
      code: 0,
      stdout:
        'Checked 5 files: 2 valid data products, 2 valid domains. No problems found.\n',
      stderr: '',
    });
  });

  it('passes the access grants of its products, and counts them', async () => {
    const repo = repository({
      'domains/sales/access/marketing-orders.yaml': grantYaml(
        'marketing-orders',
        'orders',
      ),
    });
    const { code, report } = await validateJson(repo);
    expect(code).toBe(0);
    expect(report).toEqual({
      problems: [],
      files: 4,
      products: 1,
      domains: 1,
      grants: 1,
    });
  });

  it('validates the folder it is given, from anywhere', async () => {
    const repo = repository();
    const run = await runCli(['validate', repo], { cwd: os.tmpdir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 valid data product, 1 valid domain/);
  });

  it('checks the whole repository when run from one of its folders', async () => {
    const repo = repository({
      'domains/finance/domain.yaml': domainYaml('finance'),
    });
    const run = await runCli(['validate'], {
      cwd: path.join(repo, 'domains/sales'),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 valid data product, 2 valid domains/);
  });

  it.each<[string, Record<string, string>, string, string]>([
    [
      'a file outside the layout',
      { 'domains/sales/products/invoices.yml': productYaml('invoices') },
      'domains/sales/products/invoices.yml',
      'layout',
    ],
    [
      'a manifest lost outside meshifi folders',
      { 'old/invoices.yaml': productYaml('invoices') },
      'old/invoices.yaml',
      'layout',
    ],
    [
      'a product whose path is not its content',
      { 'domains/aaa/products/orders.yaml': productYaml('orders') },
      'domains/aaa/products/orders.yaml',
      'path',
    ],
    [
      'broken YAML',
      { 'domains/sales/products/invoices.yaml': 'spec: [unclosed\n' },
      'domains/sales/products/invoices.yaml',
      'yaml',
    ],
    [
      'an alias bomb',
      { 'domains/sales/products/invoices.yaml': ALIAS_BOMB },
      'domains/sales/products/invoices.yaml',
      'yaml',
    ],
    [
      'another kind',
      {
        'domains/sales/products/invoices.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: invoices\n',
      },
      'domains/sales/products/invoices.yaml',
      'kind',
    ],
    [
      'a schema problem',
      {
        'domains/sales/products/invoices.yaml': productYaml('invoices').replace(
          'ana@example.com',
          'ana',
        ),
      },
      'domains/sales/products/invoices.yaml',
      'schema',
    ],
    [
      'a bad name',
      {
        'domains/sales/products/invoices.yaml': productYaml('invoices').replace(
          /name: invoices/g,
          'name: Invoices!',
        ),
      },
      'domains/sales/products/invoices.yaml',
      'name',
    ],
    [
      'a reserved domain name',
      { 'domains/kube-system/domain.yaml': domainYaml('kube-system') },
      'domains/kube-system/domain.yaml',
      'reserved-name',
    ],
    [
      'a file over the size limit',
      {
        'domains/sales/products/invoices.yaml': `# ${'x'.repeat(300 * 1024)}\n`,
      },
      'domains/sales/products/invoices.yaml',
      'size',
    ],
    [
      "a grant in another domain's folder",
      {
        'domains/finance/domain.yaml': domainYaml('finance'),
        'domains/finance/access/marketing-orders.yaml': grantYaml(
          'marketing-orders',
          'orders',
        ),
      },
      'domains/finance/access/marketing-orders.yaml',
      'path',
    ],
    [
      'an invalid grant',
      {
        'domains/sales/access/marketing-orders.yaml': grantYaml(
          'marketing-orders',
          'orders',
        ).replace('2027-03-31', '2027-02-30'),
      },
      'domains/sales/access/marketing-orders.yaml',
      'schema',
    ],
    [
      'a product in an access folder',
      { 'domains/sales/access/orders.yaml': productYaml('orders') },
      'domains/sales/access/orders.yaml',
      'kind',
    ],
    [
      'a grant of a product its domain does not have',
      {
        'domains/sales/access/marketing-invoices.yaml': grantYaml(
          'marketing-invoices',
          'invoices',
        ),
      },
      'domains/sales/access/marketing-invoices.yaml',
      'missing-product',
    ],
    [
      'a product whose domain has no file',
      {
        'domains/people/products/staff.yaml': productYaml('staff', 'people'),
      },
      'domains/people/products/staff.yaml',
      'missing-domain',
    ],
  ])('reports %s with exit code 1', async (_what, files, file, rule) => {
    const { code, report } = await validateJson(repository(files));
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({ file, rule, message: expect.any(String) }),
    ]);
  });

  it('reports every broken file in one run, by file and line', async () => {
    const repo = repository({
      'domains/sales/products/a-broken.yaml': 'spec: [unclosed\n',
      'domains/sales/products/b-bomb.yaml': ALIAS_BOMB,
      'domains/sales/products/c-owner.yaml': productYaml('c-owner').replace(
        'ana@example.com',
        'ana',
      ),
    });
    const run = await runCli(['validate'], { cwd: repo });
    expect(run.code).toBe(1);
    const ownerLine =
      productYaml('c-owner')
        .split('\n')
        .findIndex(line => line.includes('ana@example.com')) + 1;
    expect(run.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^domains\/sales\/products\/a-broken\.yaml:\d+: is not valid YAML: [^\\]* at line \d+, column \d+\. \[yaml\]$/,
      ),
      '',
      expect.stringMatching(
        /^domains\/sales\/products\/b-bomb\.yaml: cannot be read: .*alias.* \[yaml\]$/i,
      ),
      '',
      `domains/sales/products/c-owner.yaml:${ownerLine}: spec.access.owners.0: Owner email: Give each owner as an email address, such as ana@example.com, or a Google group as group:sales@example.com. [schema]`,
      '',
      'Checked 6 files: 1 valid data product, 1 valid domain. 3 problems in 3 files.',
      '',
    ]);
  });

  it('reports a product name and a GCP project taken by another domain', async () => {
    const { code, report } = await validateJson(
      repository({
        'domains/west/domain.yaml': domainYaml('west', 'acme-sales-data'),
        'domains/west/products/orders.yaml': productYaml('orders', 'west'),
      }),
    );
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      {
        file: 'domains/west/domain.yaml',
        line: expect.any(Number),
        rule: 'shared-project',
        message:
          'The GCP project acme-sales-data already belongs to the domain "sales": each domain has a project of its own. Ask the platform team for a new project.',
      },
      {
        file: 'domains/west/products/orders.yaml',
        line: expect.any(Number),
        rule: 'unique-name',
        message:
          'A data product named "orders" already exists (domains/sales/products/orders.yaml): product names are unique across all domains. Pick another name.',
      },
    ]);
    expect(report).toMatchObject({ files: 5, products: 2, domains: 2 });
  });

  it('reports the hostile files of the tenancy review, each on its own, and keeps the good one', async () => {
    const { code, report } = await validateJson(
      repository({
        // Sorts first, and says it is sales/orders with another owner.
        'domains/aaa/products/orders.yaml': productYaml('orders').replace(
          'ana@example.com',
          'eve@example.com',
        ),
        'domains/sales/products/bomb.yaml': ALIAS_BOMB,
        'domains/sales/products/or\nders.yaml': productYaml('orders'),
        'domains/sales/products/huge.yaml': `# ${'x'.repeat(1024 * 1024)}\n`,
        'domains/sales/products/two.yaml': `${productYaml(
          'two',
        )}---\n${productYaml('two')}`,
      }),
    );
    expect(code).toBe(1);
    expect(report.problems.map(p => [p.file, p.rule])).toEqual([
      ['domains/aaa/products/orders.yaml', 'path'],
      ['domains/sales/products/bomb.yaml', 'yaml'],
      ['domains/sales/products/huge.yaml', 'size'],
      ['domains/sales/products/or\\u000aders.yaml', 'file-name'],
      ['domains/sales/products/two.yaml', 'yaml'],
    ]);
    expect(report.products).toBe(1);
  });

  it('exits with 2 and says why when the folder does not exist or is a file', async () => {
    const missing = await runCli(['validate', 'no/such/folder'], {
      cwd: workDir,
    });
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(
        /^meshifi: .*no\/such\/folder does not exist: give the folder of a GitOps repository/,
      ),
    });
    const repo = repository();
    const file = await runCli(['validate', 'README.md'], { cwd: repo });
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/README\.md is a file, not a folder/);
  });

  it('refuses a format it does not know', async () => {
    const run = await runCli(['validate', '--format', 'xml'], {
      cwd: repository(),
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/xml/);
  });
});
