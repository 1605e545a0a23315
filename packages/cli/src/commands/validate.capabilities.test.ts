/*
 * `meshifi validate` on products with capabilities (spec.capabilities), as
 * a user runs it: the built binary in a git repository made here. What the
 * cluster would drop or refuse is reported with its file, line and path.
 */
import { dataProductManifest } from '@meshifi/common';
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import { domainYaml, gitRepository } from '../__testUtils__/gitopsFiles';
import { useBuiltCli } from '../__testUtils__/runCli';
import { ValidationReport } from '../validate/ValidationProblem';

const runCli = useBuiltCli();
const FILE = 'domains/sales/products/orders.yaml';

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'meshifi-validate-caps-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const dbt = {
  repository: 'https://github.com/acme/orders-dbt.git',
  schedule: '0 6 * * *',
};
const connection = (name: string) => ({
  name,
  connector: 'stripe',
  syncFrequency: 360,
  credentialsSecret: `${name}-credentials`,
});

/** The orders product's file with these capabilities, as the Create page writes it. */
const ordersWith = (capabilities: Record<string, unknown>) =>
  stringify(
    dataProductManifest({
      info: { name: 'orders', version: '1.0.0' },
      access: { owners: ['ana@example.com'] },
      domain: 'sales',
      capabilities,
    }),
  );

/** The 1-based line of the file where `text` first is. */
const lineOf = (content: string, text: string) =>
  content.split('\n').findIndex(line => line.includes(text)) + 1;

let repositories = 0;
async function validate(content: string) {
  const repo = gitRepository(path.join(workDir, `repo-${++repositories}`), {
    'domains/sales/domain.yaml': domainYaml('sales'),
    [FILE]: content,
  });
  const json = await runCli(['validate', '--format', 'json'], { cwd: repo });
  const text = await runCli(['validate'], { cwd: repo });
  return {
    code: json.code,
    report: JSON.parse(json.stdout) as ValidationReport,
    text: text.stdout,
  };
}

describe('meshifi validate with capabilities', () => {
  it('passes a product with dbt and Fivetran', async () => {
    const { code, report } = await validate(
      ordersWith({ dbt, fivetran: { connections: [connection('shop')] } }),
    );
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
    expect(report.products).toBe(1);
  });

  it("reports a dbt schedule that is not one, at its line, with dbt's words", async () => {
    const content = ordersWith({ dbt: { ...dbt, schedule: '0 25 * * *' } });
    const { code, report, text } = await validate(content);
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: FILE,
        line: lineOf(content, 'schedule:'),
        message: expect.stringMatching(/^spec\.capabilities\.dbt\.schedule: /),
      }),
    ]);
    expect(text).toContain(
      `${FILE}:${lineOf(
        content,
        'schedule:',
      )}: spec.capabilities.dbt.schedule: `,
    );
  });

  it('reports a misspelt field the cluster would drop, and a capability meshifi does not have', async () => {
    const content = ordersWith({
      dbt: { ...dbt, schedul: '0 7 * * *' },
      airflow: { dags: 3 },
    });
    const { code, report } = await validate(content);
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: FILE,
        line: lineOf(content, 'schedul:'),
        message: expect.stringMatching(
          /^spec\.capabilities\.dbt\.schedul: dbt models has no field "schedul" \(it has repository, revision, path, schedule, command\)/,
        ),
      }),
      expect.objectContaining({
        file: FILE,
        line: lineOf(content, 'airflow:'),
        message: expect.stringMatching(
          /^spec\.capabilities\.airflow: "airflow" is not something a data product can have here/,
        ),
      }),
    ]);
  });

  it('reports a Fivetran connection named twice, at the second', async () => {
    const content = ordersWith({
      fivetran: { connections: [connection('shop'), connection('shop')] },
    });
    const { code, report } = await validate(content);
    expect(code).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      file: FILE,
      message: expect.stringMatching(
        /^spec\.capabilities\.fivetran\.connections\.1(\.name)?: /,
      ),
    });
    const secondShop = content
      .split('\n')
      .findIndex(
        (line, index, lines) =>
          line.includes('name: shop') &&
          lines.slice(0, index).some(l => l.includes('name: shop')),
      );
    expect(report.problems[0].line).toBe(secondShop + 1);
  });
});
