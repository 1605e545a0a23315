/*
 * The capability pipeline through the real `crossplane render`: the
 * DataProduct Composition's core step, then one step per registered
 * capability, then function-auto-ready, with our bundled function and
 * function-auto-ready served on loopback (see crossplaneRender.test.ts). The
 * example product with dbt and Fivetran (examples/dataproduct-capabilities.yaml)
 * composes, in one render, its GCP resources and the capabilities', and
 * reports status.capabilities. The platform's Fivetran group comes as an
 * EnvironmentConfig would bring it: in the pipeline's context.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { parse, stringify } from 'yaml';
import {
  CAPABILITIES,
  capabilityNamed,
  DataProduct,
  LABELS,
} from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  RenderFunctions,
  startRenderFunctions,
} from '@meshifi/test-utils';
import {
  crossplaneRenderer,
  exampleDomainRequired,
  inPackage as at,
  RenderedObject as K8s,
} from './__testUtils__/crossplaneRender';
import { SALES_CAPABILITY_ENVIRONMENT } from './testing/platformCapabilities';

jest.setTimeout(120_000);

const COMPOSITION = at('apis/dataproducts/composition.yaml');
const EXAMPLE = at('examples/dataproduct-capabilities.yaml');
const ENVIRONMENT_KEY = 'apiextensions.crossplane.io/environment';
const COMPOSITION_RESOURCE_NAME = 'crossplane.io/composition-resource-name';

let tools: CrossplaneTools;
let workDir: string;
let functions: RenderFunctions | undefined;
let renderer: ReturnType<typeof crossplaneRenderer>;
/** The example domain and its namespace, as the core step asks for them. */
let salesRequired = '';
let salesEnvironment = '';
let example: DataProduct;

/** A product through the DataProduct Composition. */
const render = (xr: string, extra: string[] = []) =>
  renderer.render(xr, COMPOSITION, extra);
const renderError = (xr: string, extra: string[] = []) =>
  renderer.renderError(xr, COMPOSITION, extra);

async function writeFile(name: string, content: string) {
  const file = path.join(workDir, name);
  await fs.writeFile(file, content);
  return file;
}

const inSales = (environment = salesEnvironment) => [
  `--required-resources=${salesRequired}`,
  `--context-files=${ENVIRONMENT_KEY}=${environment}`,
];

/** The render's XR and composed resources, without its results. */
function split(output: K8s[]) {
  const [xr, ...composed] = output.filter(o => o.kind !== 'Result');
  return { xr, composed };
}

const keyOf = (o: K8s) => o.metadata.annotations?.[COMPOSITION_RESOURCE_NAME];
const named = (o: K8s) => `${o.kind} ${o.metadata.name}`;
const readyOf = (o: K8s) =>
  o.status?.conditions?.find((c: { type: string }) => c.type === 'Ready');

beforeAll(async () => {
  tools = crossplaneTools();
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-capabilities-'));
  functions = await startRenderFunctions(workDir, tools.functionAutoReady);
  renderer = crossplaneRenderer(tools.crossplane, functions.functionsFile);
  example = parse(await fs.readFile(EXAMPLE, 'utf8'));
  salesRequired = await exampleDomainRequired(renderer.render, workDir);
  salesEnvironment = await writeFile(
    'environment.json',
    JSON.stringify(SALES_CAPABILITY_ENVIRONMENT),
  );
}, 15 * 60_000);

afterAll(async () => {
  await functions?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

describe('crossplane render of a product with dbt and Fivetran', () => {
  it('runs a step per capability between the core step and readiness', async () => {
    const composition = parse(await fs.readFile(COMPOSITION, 'utf8'));
    expect(
      composition.spec.pipeline.map((s: { step: string }) => s.step),
    ).toEqual([
      'compose-data-product',
      ...CAPABILITIES.map(c => `capability-${c.name}`),
      'detect-ready-resources',
    ]);
    expect(CAPABILITIES.map(c => c.name).sort()).toEqual(['dbt', 'fivetran']);
  });

  it("composes, in one render, the product's GCP resources and the capabilities'", async () => {
    const { xr, composed } = split(await render(EXAMPLE, inSales()));
    // The same product without capabilities: what the core step composes.
    const { capabilities: _capabilities, ...coreSpec } = example.spec;
    const coreOnly = await writeFile(
      'core-only.yaml',
      stringify({ ...example, spec: coreSpec }),
    );
    const core = split(await render(coreOnly, inSales())).composed;
    const coreNames = core.map(named);
    expect(composed.map(named)).toEqual(expect.arrayContaining(coreNames));

    const added = composed.filter(o => !coreNames.includes(named(o)));
    const byCapability = (name: string) =>
      added.filter(o => o.metadata.labels?.[LABELS.capability] === name);
    expect(
      byCapability('dbt')
        .map(o => `${o.apiVersion} ${o.kind}`)
        .sort(),
    ).toEqual([
      'batch/v1 CronJob',
      'cloudplatform.gcp.m.upbound.io/v1beta1 ServiceAccountIAMMember',
      'v1 ConfigMap',
      'v1 ServiceAccount',
    ]);
    const connections = example.spec.capabilities!.fivetran as {
      connections: Array<{ name: string; syncFrequency: number }>;
    };
    expect(
      byCapability('fivetran')
        .map(o => `${o.apiVersion} ${o.kind}`)
        .sort(),
    ).toEqual(
      [
        'bigquery.gcp.m.upbound.io/v1beta1 DatasetIAMMember',
        ...connections.connections.map(
          () => 'http.m.crossplane.io/v1alpha2 Request',
        ),
      ].sort(),
    );
    expect(byCapability('dbt').length + byCapability('fivetran').length).toBe(
      added.length,
    );
    for (const resource of added) {
      const capability = resource.metadata.labels![LABELS.capability];
      expect(keyOf(resource)).toMatch(new RegExp(`^${capability}-`));
      expect(resource.metadata.namespace).toBe('sales');
      expect(resource.metadata.labels).toMatchObject({
        'crossplane.io/composite': example.metadata.name,
        [LABELS.dataProduct]: example.metadata.name,
        [LABELS.domain]: 'sales',
      });
    }
    expect(xr.status).toMatchObject({
      project: 'acme-sales-data',
      capabilities: {
        dbt: expect.any(Object),
        fivetran: expect.any(Object),
      },
    });
  });

  it("wires dbt's objects to the product's service account and datasets, as the core step passed them", async () => {
    const { xr, composed } = split(await render(EXAMPLE, inSales()));
    const of = (kind: string, apiVersion = 'v1') =>
      composed.filter(
        o =>
          o.kind === kind &&
          o.apiVersion === apiVersion &&
          o.metadata.labels?.[LABELS.capability] === 'dbt',
      );
    const [serviceAccount] = of('ServiceAccount');
    const [profiles] = of('ConfigMap');
    const [cronJob] = of('CronJob', 'batch/v1');
    const [workloadIdentity] = of(
      'ServiceAccountIAMMember',
      'cloudplatform.gcp.m.upbound.io/v1beta1',
    );
    const email = xr.status.serviceAccountEmail;
    expect(Object.values(serviceAccount.metadata.annotations ?? {})).toContain(
      email,
    );
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe(serviceAccount.metadata.name);
    expect(pod.volumes).toContainEqual(
      expect.objectContaining({ configMap: { name: profiles.metadata.name } }),
    );
    expect(cronJob.spec.schedule).toBe(
      (example.spec.capabilities!.dbt as { schedule: string }).schedule,
    );
    const env = Object.fromEntries(
      pod.containers.flatMap((c: { env?: { name: string; value: string }[] }) =>
        (c.env ?? []).map(e => [e.name, e.value]),
      ),
    );
    const datasetOf = (layer: string) =>
      xr.status.datasets.find((d: { layer: string }) => d.layer === layer)
        .datasetId;
    expect(env).toMatchObject({
      MESHIFI_PROJECT: 'acme-sales-data',
      MESHIFI_RAW_DATASET: datasetOf('raw'),
      MESHIFI_CLEANED_DATASET: datasetOf('cleaned'),
      MESHIFI_CURATED_DATASET: datasetOf('curated'),
    });
    expect(profiles.data?.['profiles.yml']).toContain(datasetOf('cleaned'));
    expect(workloadIdentity.spec.forProvider).toMatchObject({
      serviceAccountId: `projects/acme-sales-data/serviceAccounts/${email}`,
      role: 'roles/iam.workloadIdentityUser',
      member: expect.stringContaining(
        `[sales/${serviceAccount.metadata.name}]`,
      ),
    });
    expect(xr.status.capabilities.dbt).toMatchObject({
      schedule: cronJob.spec.schedule,
      lastRun: 'never',
    });
  });

  it("points Fivetran's connections at the product's raw dataset", async () => {
    const { xr, composed } = split(await render(EXAMPLE, inSales()));
    const raw = xr.status.datasets.find(
      (d: { layer: string }) => d.layer === 'raw',
    ).datasetId;
    const fivetran = composed.filter(
      o => o.metadata.labels?.[LABELS.capability] === 'fivetran',
    );
    const [editor] = fivetran.filter(o => o.kind === 'DatasetIAMMember');
    expect(editor.spec.forProvider).toMatchObject({
      project: 'acme-sales-data',
      datasetId: raw,
      member: `serviceAccount:${SALES_CAPABILITY_ENVIRONMENT.meshifi.platform.capabilities.fivetran.projects['acme-sales-data'].serviceAccountEmail}`,
    });
    const requests = fivetran.filter(o => o.kind === 'Request');
    const { connections } = example.spec.capabilities!.fivetran as {
      connections: Array<{
        name: string;
        connector: string;
        syncFrequency: number;
        credentialsSecret: string;
      }>;
    };
    for (const connection of connections) {
      const request = requests.find(r =>
        keyOf(r)?.endsWith(`-${connection.name}`),
      );
      expect(request).toBeDefined();
      const body = JSON.parse(request!.spec.forProvider.payload.body);
      expect(body).toMatchObject({
        group_id: 'projected_sickle',
        service: connection.connector,
        sync_frequency: connection.syncFrequency,
        paused: false,
        config: expect.objectContaining({ schema: raw }),
      });
      // Credentials are placeholders for the product's Secret, never values.
      expect(request!.spec.forProvider.payload.body).toContain(
        `${connection.credentialsSecret}:sales:`,
      );
    }
    expect(
      xr.status.capabilities.fivetran.connections.map(
        (c: { name: string; state: string }) => [c.name, c.state],
      ),
    ).toEqual(connections.map(c => [c.name, 'pending']));
  });

  it('marks the product ready once its GCP resources and Requests are Ready and its Kubernetes objects exist', async () => {
    const first = split(await render(EXAMPLE, inSales()));
    expect(readyOf(first.xr)).toMatchObject({ status: 'False' });
    const ready = {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'Available' },
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      ],
    };
    // ConfigMaps, ServiceAccounts and CronJobs have no Ready condition: as
    // the cluster returns them.
    const observed = first.composed.map(o =>
      o.apiVersion === 'v1' || o.apiVersion === 'batch/v1'
        ? o
        : { ...o, status: ready },
    );
    const observedFile = await writeFile(
      'observed.yaml',
      observed.map(o => stringify(o)).join('---\n'),
    );
    const second = split(
      await render(EXAMPLE, [
        ...inSales(),
        `--observed-resources=${observedFile}`,
      ]),
    );
    expect(readyOf(second.xr)).toMatchObject({
      status: 'True',
      reason: 'Available',
    });
    expect(
      second.xr.status.capabilities.fivetran.connections.map(
        (c: { state: string }) => c.state,
      ),
    ).toEqual(observed.filter(o => o.kind === 'Request').map(() => 'created'));

    // Until the CronJob exists, the product is not ready.
    const withoutCronJob = await writeFile(
      'observed-without-cronjob.yaml',
      observed
        .filter(o => o.kind !== 'CronJob')
        .map(o => stringify(o))
        .join('---\n'),
    );
    const third = split(
      await render(EXAMPLE, [
        ...inSales(),
        `--observed-resources=${withoutCronJob}`,
      ]),
    );
    expect(readyOf(third.xr)).toMatchObject({ status: 'False' });
  });

  it("refuses, composing nothing, when the platform has not set Fivetran's group, saying where to set it", async () => {
    const noGroup = await writeFile('no-group.json', JSON.stringify({}));
    const stderr = await renderError(EXAMPLE, inSales(noGroup));
    expect(stderr).toContain(
      'pipeline step "capability-fivetran" returned a fatal result',
    );
    expect(stderr).toContain('platform.capabilities.fivetran');
  });

  it("refuses in dbt's step, with its message, a repository the platform's settings do not allow", async () => {
    const prefixes = ['https://github.com/acme-platform/'];
    const environment = await writeFile(
      'dbt-prefixes.json',
      JSON.stringify({
        meshifi: {
          platform: {
            capabilities: {
              ...SALES_CAPABILITY_ENVIRONMENT.meshifi.platform.capabilities,
              dbt: { repositoryPrefixes: prefixes },
            },
          },
        },
      }),
    );
    const dbt = capabilityNamed('dbt')!;
    const [problem] = dbt.problems({
      spec: example.spec.capabilities!.dbt,
      product: example,
      settings: dbt.settings({
        ...dbt.packagedSettings,
        repositoryPrefixes: prefixes,
      }),
    });
    expect(problem).toBeDefined();
    const stderr = await renderError(EXAMPLE, inSales(environment));
    expect(stderr).toContain(
      'pipeline step "capability-dbt" returned a fatal result',
    );
    expect(stderr).toContain(problem.message);
  });

  it("leaves to the core step's validation what the capability's schema refuses", async () => {
    const dbt = {
      ...(example.spec.capabilities!.dbt as object),
      command: 'dbt build; curl https://example.com',
    };
    const file = await writeFile(
      'bad-dbt.yaml',
      stringify({
        ...example,
        spec: { ...example.spec, capabilities: { dbt } },
      }),
    );
    const stderr = await renderError(file, inSales());
    expect(stderr).toContain(
      'pipeline step "compose-data-product" returned a fatal result',
    );
    expect(stderr).toContain('dbt command');
  });
});
