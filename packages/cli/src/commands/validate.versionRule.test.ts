/*
 * `meshifi validate` on products with output ports and input ports, as a
 * user runs it: the built binary, in git repositories made here, comparing
 * each product with its version at a base commit.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import {
  domainYaml,
  gitRepository,
  ordersTable,
  portedProductYaml,
  writeFiles,
} from '../__testUtils__/gitopsFiles';
import { useBuiltCli } from '../__testUtils__/runCli';
import { ValidationReport } from '../validate/ValidationProblem';

const runCli = useBuiltCli();

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'meshifi-validate-rule-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const CUSTOMERS = 'domains/finance/products/customers.yaml';

let repositories = 0;
/** A repository whose last commit holds customers (finance) with its orders table. */
function repository() {
  return gitRepository(path.join(workDir, `repo-${++repositories}`), {
    'domains/sales/domain.yaml': domainYaml('sales'),
    'domains/finance/domain.yaml': domainYaml('finance'),
    [CUSTOMERS]: portedProductYaml('customers', { domain: 'finance' }),
  });
}

const withoutAmount = () => {
  const port = ordersTable();
  port.contract.columns.pop();
  return port;
};

async function validate(cwd: string, ...args: string[]) {
  const run = await runCli(['validate', '--format', 'json', ...args], { cwd });
  return {
    ...run,
    report: run.stdout
      ? (JSON.parse(run.stdout) as ValidationReport)
      : undefined,
  };
}

describe('meshifi validate: lineage and the version rule', () => {
  it('refuses a breaking change of the working tree without a new major version', async () => {
    const repo = repository();
    writeFiles(repo, {
      [CUSTOMERS]: portedProductYaml('customers', {
        domain: 'finance',
        version: '1.1.0',
        ports: [withoutAmount()],
      }),
    });
    const { code, report } = await validate(repo);
    expect(code).toBe(1);
    expect(report!.problems).toEqual([
      {
        file: CUSTOMERS,
        line: expect.any(Number),
        rule: 'version-rule',
        message: expect.stringContaining(
          'The column "amount" of "orders" is removed',
        ),
      },
    ]);
  });

  it('passes the same change with a new major version', async () => {
    const repo = repository();
    writeFiles(repo, {
      [CUSTOMERS]: portedProductYaml('customers', {
        domain: 'finance',
        version: '2.0.0',
        ports: [withoutAmount()],
      }),
    });
    expect((await validate(repo)).code).toBe(0);
  });

  it('compares with the base given, e.g. the commit before the last', async () => {
    const repo = repository();
    writeFiles(repo, {
      [CUSTOMERS]: portedProductYaml('customers', {
        domain: 'finance',
        version: '1.1.0',
        ports: [withoutAmount()],
      }),
    });
    execFileSync(
      'git',
      [
        '-c',
        'user.name=ana',
        '-c',
        'user.email=ana@example.com',
        'commit',
        '-qam',
        'Drop the amount',
      ],
      { cwd: repo },
    );
    // The default base is HEAD now, which has the change already.
    expect((await validate(repo)).code).toBe(0);
    const { code, report } = await validate(repo, '--base', 'HEAD~1');
    expect(code).toBe(1);
    expect(report!.problems.map(p => p.rule)).toEqual(['version-rule']);
  });

  it('reports lineage problems of the working tree, whatever the base', async () => {
    const repo = repository();
    writeFiles(repo, {
      'domains/sales/products/orders.yaml': portedProductYaml('orders', {
        reads: ['customers.people', 'clients.orders'],
      }),
    });
    const { code, report } = await validate(repo);
    expect(code).toBe(1);
    // On the reader only: customers never offered "people".
    expect(report!.problems.map(p => [p.file, p.rule, p.message])).toEqual([
      [
        'domains/sales/products/orders.yaml',
        'lineage',
        expect.stringContaining('it offers "orders"'),
      ],
      [
        'domains/sales/products/orders.yaml',
        'lineage',
        expect.stringContaining('There is no data product "clients"'),
      ],
    ]);
  });

  it('refuses a base that is no commit, with exit code 2', async () => {
    const { code, stderr } = await validate(repository(), '--base', 'nope');
    expect(code).toBe(2);
    expect(stderr).toContain(
      'The base "nope" is not a commit of this repository',
    );
  });

  it('checks a folder outside git without the version rule, and refuses --base there', async () => {
    const folder = path.join(workDir, `plain-${++repositories}`);
    writeFiles(folder, {
      'domains/finance/domain.yaml': domainYaml('finance'),
      [CUSTOMERS]: portedProductYaml('customers', { domain: 'finance' }),
    });
    expect((await validate(folder)).code).toBe(0);
    const { code, stderr } = await validate(folder, '--base', 'main');
    expect(code).toBe(2);
    expect(stderr).toContain('is not the top folder of a git repository');
  });
});
