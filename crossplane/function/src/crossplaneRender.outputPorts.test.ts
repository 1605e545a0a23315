/*
 * A product's output ports through the real `crossplane render` CLI, the
 * package's Composition and our bundled function served on loopback: each
 * port becomes a BigQuery Table once the curated dataset exists, valid
 * against the real provider-gcp v2.6.0 CRD kept beside the repository in
 * ../shared/crds (that test is skipped without it, saying so in its name)
 * and against the CRDs the local control plane installs; and a change that
 * breaks the contract without a new major version is refused.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { parseAllDocuments, stringify } from 'yaml';
import {
  DataProduct,
  datasetId,
  OutputPort,
  resourceNames,
} from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  crossplaneValidate,
  RenderFunctions,
  startRenderFunctions,
} from '@meshifi/test-utils';
import { crossplaneDir, repoRoot } from './testing/paths';
import {
  describeWithSharedCrds,
  SHARED_CRDS,
  sharedNote,
} from './testing/sharedCrds';

jest.setTimeout(120_000);

const run = promisify(execFile);
const at = (...parts: string[]) => path.join(crossplaneDir, ...parts);
const composition = at('apis/dataproducts/composition.yaml');

/** The sales example of the GitOps repository, whose orders port is the sample. */
const SAMPLE = path.join(
  repoRoot,
  'examples/gitops/domains/sales/products/customer-orders.yaml',
);

type K8s = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  status?: any;
  message?: string;
};

let tools: CrossplaneTools;
let workDir: string;
let functions: RenderFunctions | undefined;
/** The example domain and its namespace, as a product's function asks for them. */
let salesRequired = '';

const ordersByDay: OutputPort = {
  name: 'orders_by_day',
  description: 'Orders and revenue per day and country.',
  contract: {
    columns: [
      { name: 'day', type: 'DATE', mode: 'REQUIRED' },
      { name: 'country', type: 'STRING', mode: 'REQUIRED' },
      { name: 'orders', type: 'INT64', mode: 'REQUIRED' },
      { name: 'revenue', type: 'NUMERIC' },
    ],
    primaryKey: ['day', 'country'],
  },
};

async function writeYaml(name: string, objects: unknown[]) {
  const file = path.join(workDir, name);
  await fs.writeFile(file, objects.map(o => stringify(o)).join('---\n'));
  return file;
}

/** The sample product of the GitOps repository. */
async function sampleProduct(): Promise<DataProduct> {
  return parseAllDocuments(await fs.readFile(SAMPLE, 'utf8'))[0].toJS();
}

/** The sample with a second output port. */
async function twoPortProduct(): Promise<DataProduct> {
  const sample = await sampleProduct();
  return {
    ...sample,
    spec: {
      ...sample.spec,
      outputPorts: [...(sample.spec.outputPorts ?? []), ordersByDay],
    },
  };
}

/** The product's curated dataset as Crossplane observes it once the provider made it. */
function readyCuratedDataset(product: DataProduct) {
  return {
    apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
    kind: 'Dataset',
    metadata: {
      name: resourceNames.dataset(product.metadata.name, 'curated'),
      namespace: product.metadata.namespace,
      annotations: {
        'crossplane.io/composition-resource-name': 'dataset-curated',
        'crossplane.io/external-name': datasetId(
          product.metadata.name,
          'curated',
        ),
      },
    },
    spec: { forProvider: {} },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'Available' },
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      ],
    },
  };
}

/** Renders a product in the sales domain; the output, or what render said on stderr. */
async function render(product: DataProduct, observed: unknown[] = []) {
  const xr = await writeYaml(`product-${Math.random()}.yaml`, [product]);
  const args = [
    'render',
    xr,
    composition,
    functions!.functionsFile,
    `--required-resources=${salesRequired}`,
    '--include-function-results',
  ];
  if (observed.length > 0) {
    const file = await writeYaml(`observed-${Math.random()}.yaml`, observed);
    args.push(`--observed-resources=${file}`);
  }
  try {
    const { stdout } = await run(tools.crossplane, args, {
      maxBuffer: 20 * 1024 * 1024,
    });
    return {
      output: parseAllDocuments(stdout)
        .map(d => d.toJS() as K8s)
        .filter(Boolean),
    };
  } catch (error) {
    return { stderr: (error as { stderr: string }).stderr };
  }
}

const tablesOf = (output: K8s[]) => output.filter(o => o.kind === 'Table');

beforeAll(async () => {
  tools = crossplaneTools();
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-render-ports-'));
  functions = await startRenderFunctions(workDir, tools.functionAutoReady);
  const domain = await run(
    tools.crossplane,
    [
      'render',
      at('examples/datadomain.yaml'),
      at('apis/datadomains/composition.yaml'),
      functions.functionsFile,
    ],
    { maxBuffer: 20 * 1024 * 1024 },
  );
  const namespace = parseAllDocuments(domain.stdout)
    .map(d => d.toJS() as K8s)
    .find(o => o?.kind === 'Namespace');
  salesRequired = path.join(workDir, 'sales-required');
  await fs.mkdir(salesRequired);
  await fs.copyFile(
    at('examples/datadomain.yaml'),
    path.join(salesRequired, 'datadomain.yaml'),
  );
  await fs.writeFile(
    path.join(salesRequired, 'namespace.yaml'),
    stringify(namespace),
  );
}, 15 * 60_000);

afterAll(async () => {
  await functions?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

describe('crossplane render of a product with output ports', () => {
  it('holds the tables back, and the product unready, until the curated dataset exists', async () => {
    const product = await twoPortProduct();
    const { output, stderr } = await render(product);
    expect(stderr).toBeUndefined();
    expect(tablesOf(output!)).toEqual([]);
    expect(output!.filter(o => o.kind === 'Dataset')).toHaveLength(3);
    const [xr] = output!;
    expect(
      xr.status.conditions.find((c: { type: string }) => c.type === 'Ready'),
    ).toMatchObject({ status: 'False' });
    expect(
      output!.filter(o => o.kind === 'Result').map(r => r.message),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'orders, orders_by_day are created once the curated dataset exists',
        ),
      ]),
    );
  });

  it('composes one Table per port in the curated dataset once it exists, and records the accepted contract', async () => {
    const product = await twoPortProduct();
    const { output, stderr } = await render(product, [
      readyCuratedDataset(product),
    ]);
    expect(stderr).toBeUndefined();
    const tables = tablesOf(output!);
    const ports = product.spec.outputPorts!;
    expect(
      tables.map(t => ({
        name: t.metadata.name,
        namespace: t.metadata.namespace,
        table: t.metadata.annotations?.['crossplane.io/external-name'],
        key: t.metadata.annotations?.[
          'crossplane.io/composition-resource-name'
        ],
        dataset: t.spec.forProvider.datasetId,
        project: t.spec.forProvider.project,
        columns: JSON.parse(t.spec.forProvider.schema).map(
          (f: { name: string }) => f.name,
        ),
        key_columns: t.spec.forProvider.tableConstraints?.primaryKey?.columns,
      })),
    ).toEqual(
      ports.map(port => ({
        name: resourceNames.table('customer-orders', port.name),
        namespace: 'sales',
        table: port.name,
        key: `table-${port.name}`,
        dataset: 'customer_orders_curated',
        project: 'acme-sales-data',
        columns: port.contract.columns.map(c => c.name),
        key_columns: port.contract.primaryKey,
      })),
    );
    for (const table of tables) {
      expect(table.spec.forProvider.deletionProtection).toBe(true);
      expect(table.spec.managementPolicies).not.toContain('Delete');
      expect(table.metadata.labels).toMatchObject({
        'crossplane.io/composite': 'customer-orders',
        'meshifi.io/role': 'table',
      });
    }
    const [xr] = output!;
    expect(xr.status).toMatchObject({
      acceptedVersion: product.spec.info.version,
      acceptedPorts: ports,
    });
  });

  it('finds the rendered Tables valid against the CRDs the local control plane installs', async () => {
    const product = await twoPortProduct();
    const { output } = await render(product, [readyCuratedDataset(product)]);
    const file = await writeYaml('tables-local.yaml', tablesOf(output!));
    const result = await crossplaneValidate(tools, [tools.gcpCrds], file);
    expect(result).toEqual({ ok: true, output: expect.any(String) });
    expect(result.output).not.toMatch(/\[x\]/);
  });

  it('refuses a breaking change without a new major version, keeping what was composed', async () => {
    const sample = await sampleProduct();
    const [orders] = sample.spec.outputPorts!;
    const accepted = {
      ...sample,
      status: {
        acceptedVersion: sample.spec.info.version,
        acceptedPorts: [orders],
      },
    };
    const withoutCurrency: DataProduct = {
      ...accepted,
      spec: {
        ...sample.spec,
        info: { ...sample.spec.info, version: '1.3.0' },
        outputPorts: [
          {
            ...orders,
            contract: {
              ...orders.contract,
              columns: orders.contract.columns.filter(
                c => c.name !== 'currency',
              ),
            },
          },
        ],
      },
    };
    const { stderr } = await render(withoutCurrency, [
      readyCuratedDataset(sample),
    ]);
    expect(stderr).toContain('"currency"');
    expect(stderr).toContain('raise the version to 2.0.0');

    const { output } = await render(
      {
        ...withoutCurrency,
        spec: {
          ...withoutCurrency.spec,
          info: { ...withoutCurrency.spec.info, version: '2.0.0' },
        },
      },
      [readyCuratedDataset(sample)],
    );
    const [table] = tablesOf(output!);
    expect(
      JSON.parse(table.spec.forProvider.schema).map(
        (f: { name: string }) => f.name,
      ),
    ).not.toContain('currency');
    expect(output![0].status.acceptedVersion).toBe('2.0.0');
  });
});

describeWithSharedCrds(
  `crossplane beta validate against ../shared/crds/provider-gcp-v2.6.0${sharedNote}`,
  () => {
    it('finds the two rendered Tables valid against the real Table CRD, and the CRD bites', async () => {
      const product = await twoPortProduct();
      const { output } = await render(product, [readyCuratedDataset(product)]);
      const tables = tablesOf(output!);
      expect(tables).toHaveLength(2);
      const crd = path.join(
        SHARED_CRDS,
        'bigquery.gcp.m.upbound.io_tables.yaml',
      );
      const file = await writeYaml('tables.yaml', tables);
      const result = await crossplaneValidate(tools, [crd], file);
      expect(result).toEqual({ ok: true, output: expect.any(String) });
      expect(result.output).not.toMatch(/\[x\]/);

      // A key as v1 of the provider wrote it, a list, is refused: the check bites.
      const broken = await writeYaml('broken-table.yaml', [
        {
          ...tables[0],
          spec: {
            ...tables[0].spec,
            forProvider: {
              ...tables[0].spec.forProvider,
              tableConstraints: [{ primaryKey: [{ columns: ['order_id'] }] }],
            },
          },
        },
      ]);
      const refused = await crossplaneValidate(tools, [crd], broken);
      expect(refused.ok).toBe(false);
      expect(refused.output).toContain('tableConstraints');
    });
  },
);
