/*
 * The starter dbt project as the data-product template makes it, run by the
 * real dbt: the create step's manifest with the dbt page's answers, the
 * values of meshifi:dbt:starter-values, rendered by the scaffolder's own
 * fetch:template with the template's step input; then the profiles.yml the
 * dbt capability composes for the product, `dbt parse` on it (BigQuery,
 * offline: no connection is opened), and `dbt build` on DuckDB, the local
 * stand-in for BigQuery, on raw events created first.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ProductContext } from '@meshifi/common';
import { promises as fs, readFileSync } from 'fs';
import path from 'path';
import { parse, stringify } from 'yaml';
import { runExample } from '../__testUtils__/runExample';
import { dbtStarterValuesAction } from './dbtStarterValues';
import { examples as valuesExamples } from './dbtStarterValues.examples';
import { dbtProgram, duckdb, runDbt } from './__testUtils__/dbt';
import {
  composedProfilesYml,
  createStarterProduct,
  SALES_DOMAIN,
  starterPlatform,
} from './__testUtils__/starterProduct';

jest.setTimeout(300_000);

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../templates/data-product/template.yaml',
);

interface Step {
  id: string;
  action: string;
  if?: string;
  input: Record<string, unknown>;
}

const steps: Step[] = parse(readFileSync(TEMPLATE, 'utf8')).spec.steps;

/** The template's fetch:template step of the starter project. */
const renderStep = steps.find(
  step => step.action === 'fetch:template' && step.id === 'dbtStarter',
)!;

/** The raw events the build starts from: duplicates, a row without id, one without time. */
const RAW_EVENTS = [
  ['e1', '2026-11-30 08:00:00', 'Order_Placed'],
  ['e1', '2026-11-30 08:00:00', 'Order_Placed'],
  ['e2', '2026-11-30 09:30:00', ' order_placed '],
  ['e3', '2026-11-30 23:59:59', 'refund'],
  ['e4', '2026-12-01 00:00:01', 'order_placed'],
  [null, '2026-12-01 10:00:00', 'order_placed'],
  ['e5', null, 'refund'],
];

const sqlText = (value: string | null) =>
  value === null ? 'null' : `'${value.replace(/'/g, "''")}'`;

/** What the run_results.json of a dbt command says of each node: unique id -> status. */
async function statuses(project: string): Promise<Record<string, string>> {
  const results = JSON.parse(
    await fs.readFile(path.join(project, 'target/run_results.json'), 'utf8'),
  );
  return Object.fromEntries(
    results.results.map((r: { unique_id: string; status: string }) => [
      r.unique_id,
      r.status,
    ]),
  );
}

/** The nodes of dbt's manifest.json, by unique id. */
async function manifestNodes(project: string) {
  const manifest = JSON.parse(
    await fs.readFile(path.join(project, 'target/manifest.json'), 'utf8'),
  );
  return {
    nodes: manifest.nodes as Record<
      string,
      { schema: string; database: string; name: string }
    >,
    sources: manifest.sources as Record<
      string,
      { schema: string; database: string; name: string }
    >,
  };
}

describe('the template renders the starter dbt project', () => {
  it('with fetch:template, from the folder beside the template, only when the analyst asked for a starter', () => {
    expect(renderStep).toBeDefined();
    expect(renderStep.input).toMatchObject({
      url: './dbt-starter',
      templateFileExtension: true,
      values: '${{ steps.dbtValues.output.values }}',
    });
    for (const id of ['dbtValues', 'dbtStarter', 'dbtPublish']) {
      expect(steps.find(step => step.id === id)?.if).toBe(
        "${{ parameters.dbt.enabled and parameters.dbt.project == 'starter' }}",
      );
    }
  });
});

const dbt = dbtProgram() ?? '';
const describeIf = dbt ? describe : describe.skip;

describeIf('the starter dbt project, run by dbt', () => {
  const dir = createMockDirectory();
  const workspacePath = path.join(dir.path, 'workspace');
  const platform = starterPlatform('https://git.example.test/dbt-starters.git');
  let project: string;
  let context: ProductContext;
  let profilesYml: string;
  const timings: string[] = [];

  beforeAll(async () => {
    const product = await createStarterProduct({ workspacePath, platform });
    const { values } = await runExample(
      dbtStarterValuesAction(),
      valuesExamples[0],
      { workspacePath, outputs: { product } },
    );
    const ctx = createMockActionContext({
      workspacePath,
      input: { ...renderStep.input, values } as any,
      templateInfo: {
        entityRef: 'template:default/data-product',
        baseUrl: `file://${TEMPLATE}`,
      },
    });
    await createFetchTemplateAction({
      reader: mockServices.urlReader.mock(),
      // Only read for skeletons at URLs; this one is beside the template.
      integrations: undefined as any,
    }).handler(ctx);
    project = path.join(workspacePath, renderStep.input.targetPath as string);
    ({ profilesYml, context } = composedProfilesYml(
      product.manifest as string,
      platform,
      SALES_DOMAIN,
    ));
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`dbt timings: ${timings.join(', ')}`);
  });

  it('is a dbt project of the profile meshifi with the datasets of the product rendered in', async () => {
    const projectFile = parse(
      await fs.readFile(path.join(project, 'dbt_project.yml'), 'utf8'),
    );
    expect(projectFile.profile).toBe('meshifi');
    expect(projectFile.name).toBe('customer_orders');
    const sources = await fs.readFile(
      path.join(project, 'models/sources.yml'),
      'utf8',
    );
    expect(sources).toContain(
      `env_var('MESHIFI_RAW_DATASET', '${context.datasets.raw}')`,
    );
    const readme = await fs.readFile(path.join(project, 'README.md'), 'utf8');
    expect(readme).toContain('--target owner');
    expect(readme).toContain(context.project);
    // Nothing of the templating is left, in names or contents.
    const files = await fs.readdir(project, { recursive: true });
    expect(files.filter(f => String(f).endsWith('.njk'))).toEqual([]);
    expect(readme).not.toContain('${{');
  });

  it('parses for BigQuery with the composed profiles.yml, offline: its models in the cleaned and curated datasets, its source the raw one', async () => {
    const profiles = path.join(dir.path, 'bigquery-profiles');
    await fs.mkdir(profiles, { recursive: true });
    await fs.writeFile(path.join(profiles, 'profiles.yml'), profilesYml);
    for (const target of ['prod', 'owner']) {
      const run = await runDbt(
        dbt,
        [
          'parse',
          '--profiles-dir',
          profiles,
          '--target',
          target,
          '--no-partial-parse',
        ],
        { cwd: project },
      );
      timings.push(`parse --target ${target} ${run.seconds.toFixed(1)} s`);
      const { nodes, sources } = await manifestNodes(project);
      const model = (name: string) =>
        Object.values(nodes).find(n => n.name === name)!;
      expect(model('events')).toMatchObject({
        database: context.project,
        schema: context.datasets.cleaned,
      });
      expect(model('events_per_day')).toMatchObject({
        database: context.project,
        schema: context.datasets.curated,
      });
      expect(Object.values(sources)).toEqual([
        expect.objectContaining({
          name: 'events',
          database: context.project,
          schema: context.datasets.raw,
        }),
      ]);
    }
  });

  it('reads the datasets the scheduled run sets in MESHIFI_*_DATASET before those rendered in', async () => {
    const profiles = path.join(dir.path, 'bigquery-profiles');
    await runDbt(
      dbt,
      [
        'parse',
        '--profiles-dir',
        profiles,
        '--target',
        'prod',
        '--no-partial-parse',
      ],
      {
        cwd: project,
        env: {
          MESHIFI_RAW_DATASET: 'other_raw',
          MESHIFI_CLEANED_DATASET: 'other_cleaned',
          MESHIFI_CURATED_DATASET: 'other_curated',
        },
      },
    );
    const { nodes, sources } = await manifestNodes(project);
    const schemas = Object.values(nodes)
      .filter(n => ['events', 'events_per_day'].includes(n.name))
      .map(n => `${n.name}:${n.schema}`)
      .sort();
    expect(schemas).toEqual([
      'events:other_cleaned',
      'events_per_day:other_curated',
    ]);
    expect(Object.values(sources).map(s => s.schema)).toEqual(['other_raw']);
  });

  it('builds on DuckDB: both models and the test run, and the curated table counts the cleaned events per day and type', async () => {
    const warehouse = path.join(dir.path, 'warehouse.duckdb');
    await duckdb(dbt, warehouse, [
      `create schema ${context.datasets.raw}`,
      `create table ${context.datasets.raw}.events (event_id varchar, occurred_at timestamp, event_type varchar)`,
      `insert into ${context.datasets.raw}.events values ${RAW_EVENTS.map(
        row => `(${row.map(sqlText).join(', ')})`,
      ).join(', ')}`,
    ]);
    // The composed profile, with DuckDB as the warehouse in BigQuery's place:
    // the same profile name and default dataset.
    const profiles = parse(profilesYml);
    const prod = profiles.meshifi.outputs.prod;
    profiles.meshifi.outputs.duckdb = {
      type: 'duckdb',
      path: warehouse,
      schema: prod.dataset,
      threads: 1,
    };
    const profilesDir = path.join(dir.path, 'duckdb-profiles');
    await fs.mkdir(profilesDir, { recursive: true });
    await fs.writeFile(
      path.join(profilesDir, 'profiles.yml'),
      stringify(profiles),
    );
    const run = await runDbt(
      dbt,
      ['build', '--profiles-dir', profilesDir, '--target', 'duckdb'],
      {
        cwd: project,
        // As the CronJob sets them.
        env: {
          MESHIFI_RAW_DATASET: context.datasets.raw,
          MESHIFI_CLEANED_DATASET: context.datasets.cleaned,
          MESHIFI_CURATED_DATASET: context.datasets.curated,
        },
      },
    );
    timings.push(`build on DuckDB ${run.seconds.toFixed(1)} s`);
    const ran = await statuses(project);
    expect(
      Object.entries(ran)
        .map(
          ([id, status]) =>
            // model.<project>.<name>, test.<project>.<name>.<hash>
            `${id
              .replace(/^(\w+)\.customer_orders\./, '$1.')
              .replace(/\.[0-9a-f]{10}$/, '')} ${status}`,
        )
        .sort(),
    ).toEqual([
      'model.events success',
      'model.events_per_day success',
      'test.unique_events_event_id pass',
    ]);
    expect(
      await duckdb(dbt, warehouse, [
        `select count(*) from ${context.datasets.cleaned}.events`,
      ]),
    ).toEqual([[4]]);
    expect(
      await duckdb(dbt, warehouse, [
        `select cast(event_date as varchar), event_type, events from ${context.datasets.curated}.events_per_day order by 1, 2`,
      ]),
    ).toEqual([
      ['2026-11-30', 'order_placed', 2],
      ['2026-11-30', 'refund', 1],
      ['2026-12-01', 'order_placed', 1],
    ]);
  });
});
