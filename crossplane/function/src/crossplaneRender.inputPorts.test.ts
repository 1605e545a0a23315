/*
 * Input ports through the real `crossplane render` CLI, the package's
 * Composition and our bundled function served on loopback: render runs the
 * function as Crossplane does, again with the products it asks for (from
 * --required-resources, by label), and the sample mesh's revenue-daily,
 * which reads customer-orders' orders, is composed only when that product
 * and table are there and customer-orders is not retired.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { parseAllDocuments, stringify } from 'yaml';
import { DataProduct } from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  RenderFunctions,
  startRenderFunctions,
} from '@meshifi/test-utils';
import { crossplaneDir, repoRoot } from './testing/paths';

jest.setTimeout(120_000);

const run = promisify(execFile);
const at = (...parts: string[]) => path.join(crossplaneDir, ...parts);
const composition = at('apis/dataproducts/composition.yaml');

/** The sample mesh's sales products: revenue-daily reads customer-orders. */
const sample = (name: string) =>
  path.join(repoRoot, `examples/gitops/domains/sales/products/${name}.yaml`);

type K8s = { kind: string; metadata: { name: string }; message?: string };

let tools: CrossplaneTools;
let workDir: string;
let functions: RenderFunctions | undefined;
/** The sales domain and the namespace it composes, as Crossplane gives them. */
let salesObjects: unknown[] = [];

const readYaml = async (file: string) =>
  parseAllDocuments(await fs.readFile(file, 'utf8'))[0].toJS();

async function writeYaml(name: string, objects: unknown[]) {
  const file = path.join(workDir, name);
  await fs.writeFile(file, objects.map(o => stringify(o)).join('---\n'));
  return file;
}

/**
 * Renders revenue-daily with the domain and `products` as what Crossplane
 * finds in the cluster; the output, or what render said on stderr.
 */
async function renderReader(products: DataProduct[]) {
  const reader = await readYaml(sample('revenue-daily'));
  const xr = await writeYaml(`reader-${Math.random()}.yaml`, [reader]);
  const required = await writeYaml(`required-${Math.random()}.yaml`, [
    ...salesObjects,
    ...products,
  ]);
  try {
    const { stdout } = await run(
      tools.crossplane,
      [
        'render',
        xr,
        composition,
        functions!.functionsFile,
        `--required-resources=${required}`,
        '--include-function-results',
      ],
      { maxBuffer: 20 * 1024 * 1024 },
    );
    return {
      output: parseAllDocuments(stdout)
        .map(d => d.toJS() as K8s)
        .filter(Boolean),
    };
  } catch (error) {
    return { stderr: (error as { stderr: string }).stderr };
  }
}

beforeAll(async () => {
  tools = crossplaneTools();
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-render-inputs-'));
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
  salesObjects = [await readYaml(at('examples/datadomain.yaml')), namespace];
}, 15 * 60_000);

afterAll(async () => {
  await functions?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

describe('crossplane render of a product with input ports', () => {
  it('composes the reader when the product it reads offers the table', async () => {
    const source = await readYaml(sample('customer-orders'));
    const { output, stderr } = await renderReader([source]);
    expect(stderr).toBeUndefined();
    expect(output!.filter(o => o.kind === 'Dataset')).toHaveLength(3);
  });

  it('refuses the reader, naming the product and table, when the product read is not there', async () => {
    const { stderr } = await renderReader([]);
    expect(stderr).toContain('fatal result');
    expect(stderr).toContain('The table "orders" of "customer-orders"');
    expect(stderr).toContain('There is no data product "customer-orders"');
  });

  it('refuses the reader when the product read is retired, or no longer offers the table', async () => {
    const source: DataProduct = await readYaml(sample('customer-orders'));
    const retired = await renderReader([
      { ...source, spec: { ...source.spec, status: 'retired' } },
    ]);
    expect(retired.stderr).toContain('"customer-orders" is retired');

    const withoutOrders = await renderReader([
      {
        ...source,
        spec: {
          ...source.spec,
          outputPorts: (source.spec.outputPorts ?? []).filter(
            port => port.name !== 'orders',
          ),
        },
      },
    ]);
    expect(withoutOrders.stderr).toContain(
      '"customer-orders" offers no tables yet, so "orders" cannot be read',
    );
  });

  it('refuses the reader when the product it reads reads it back', async () => {
    const source: DataProduct = await readYaml(sample('customer-orders'));
    const { stderr } = await renderReader([
      {
        ...source,
        spec: {
          ...source.spec,
          inputPorts: [{ product: 'revenue-daily', port: 'revenue_by_day' }],
        },
      },
    ]);
    expect(stderr).toContain(
      '"revenue-daily" reads "customer-orders" reads "revenue-daily"',
    );
  });
});
