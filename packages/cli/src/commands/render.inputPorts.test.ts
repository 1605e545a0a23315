/*
 * meshifi render of products with input ports, against the real
 * `crossplane render`: the function asks for the products a product reads,
 * and meshifi answers from the product's GitOps repository folder as
 * Crossplane answers from the cluster (--required-resources), until the
 * function stops asking.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { parseAllDocuments, stringify } from 'yaml';
import {
  dataDomainManifest,
  gitopsPath,
  KubernetesObject,
} from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  RenderFunctions,
  startRenderFunctions,
} from '@meshifi/test-utils';
import { portedProductYaml } from '../__testUtils__/gitopsFiles';
import { useBuiltCli } from '../__testUtils__/runCli';

jest.setTimeout(120_000);

const run = promisify(execFile);
const runCli = useBuiltCli();
const crossplaneDir = path.resolve(
  path.dirname(require.resolve('@meshifi/crossplane-function/package.json')),
  '..',
);
const COMPOSITIONS = {
  DataProduct: path.join(crossplaneDir, 'apis/dataproducts/composition.yaml'),
  DataDomain: path.join(crossplaneDir, 'apis/datadomains/composition.yaml'),
};

let tools: CrossplaneTools;
let workDir: string;
let functions: RenderFunctions | undefined;

const parse = (text: string) =>
  parseAllDocuments(text)
    .map(d => d.toJS() as KubernetesObject)
    .filter(Boolean);

const readObject = async (file: string) =>
  parse(await fs.readFile(file, 'utf8'))[0];

/** What the real CLI prints for an XR file given what the cluster holds, or its error. */
async function crossplaneRender(xrFile: string, cluster: KubernetesObject[]) {
  const xr = await readObject(xrFile);
  const args = ['render', xrFile, COMPOSITIONS[xr.kind as 'DataProduct']];
  args.push(functions!.functionsFile);
  if (cluster.length > 0) {
    const required = path.join(workDir, `required-${Math.random()}.yaml`);
    await fs.writeFile(required, cluster.map(o => stringify(o)).join('---\n'));
    args.push(`--required-resources=${required}`);
  }
  return run(tools.crossplane, args, { maxBuffer: 20 * 1024 * 1024 }).then(
    ({ stdout }) => ({ ok: true as const, stdout }),
    error => ({ ok: false as const, stderr: String(error.stderr) }),
  );
}

/** What the cluster holds once a repository's domain is applied: the domain and the namespace it composes. */
async function domainOnCluster(domainFile: string) {
  const rendered = await crossplaneRender(domainFile, []);
  if (!rendered.ok) {
    throw new Error(rendered.stderr);
  }
  const namespace = parse(rendered.stdout).find(o => o.kind === 'Namespace')!;
  return [await readObject(domainFile), namespace];
}

/** A GitOps repository folder holding the given files (path → content). */
async function gitopsFolder(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(workDir, 'gitops-'));
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), content);
  }
  return dir;
}

const sales = dataDomainManifest('sales', {
  title: 'Sales',
  owner: 'group:default/sales-analytics',
  gcpProject: 'acme-sales-data',
});
const salesFile = gitopsPath(sales);
const productFile = (name: string) => `domains/sales/products/${name}.yaml`;

/** The function's message in what meshifi render printed on stderr. */
const messageOf = (stderr: string) =>
  stderr.replace(/^meshifi: .* cannot be composed: /, '').replace(/\s+/g, ' ');

beforeAll(async () => {
  tools = crossplaneTools();
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-cli-inputs-'));
  functions = await startRenderFunctions(workDir, tools.functionAutoReady);
}, 15 * 60_000);

afterAll(async () => {
  await functions?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

describe('meshifi render answers the products a product reads from its repository folder', () => {
  /** The sample mesh, beside the Crossplane package. */
  const sample = () => path.resolve(crossplaneDir, '..', 'examples', 'gitops');

  it('renders the sample revenue-daily, which reads customer-orders, as crossplane render does with customer-orders on the cluster', async () => {
    const repo = sample();
    const reader = path.join(repo, productFile('revenue-daily'));
    const real = await crossplaneRender(reader, [
      ...(await domainOnCluster(path.join(repo, salesFile))),
      await readObject(path.join(repo, productFile('customer-orders'))),
    ]);
    expect(real).toMatchObject({ ok: true });

    const fromRoot = await runCli(['render', productFile('revenue-daily')], {
      cwd: repo,
    });
    expect(fromRoot).toMatchObject({ code: 0, stderr: '' });
    const rendered = parse(fromRoot.stdout);
    expect(rendered).toEqual(parse(real.ok ? real.stdout : ''));
    // Its datasets; the Table of its output port comes once the curated
    // dataset is Ready on the cluster, which a render without observed
    // resources never sees.
    expect(rendered.filter(o => o.kind === 'Dataset').length).toBeGreaterThan(
      0,
    );
    expect(rendered[0].status).toMatchObject({
      conditions: expect.arrayContaining([
        expect.objectContaining({ type: 'Ready' }),
      ]),
    });

    // From elsewhere, the folder is found from the file's place.
    const fromElsewhere = await runCli(['render', reader], {
      cwd: os.tmpdir(),
    });
    expect(fromElsewhere).toEqual(fromRoot);
  });

  it('refuses a product reading a product the folder lacks, in the function’s words, saying where it looked', async () => {
    const repo = await gitopsFolder({
      [salesFile]: stringify(sales),
      [productFile('reader')]: portedProductYaml('reader', {
        ports: [],
        reads: ['ghost.orders'],
      }),
    });
    const file = path.join(repo, productFile('reader'));
    const real = await crossplaneRender(
      file,
      await domainOnCluster(path.join(repo, salesFile)),
    );
    const ours = await runCli(['render', productFile('reader')], { cwd: repo });
    expect(ours).toMatchObject({ code: 1, stdout: '' });
    const said = 'There is no data product "ghost"';
    expect(ours.stderr).toContain(said);
    expect(real.ok || real.stderr).toContain(said);
    expect(ours.stderr).toContain(
      'meshifi looked for "ghost" among the product files of this folder,',
    );
    expect(ours.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a reader of a file outside any repository folder, and says to run it from the repository’s root', async () => {
    const repo = await gitopsFolder({ [salesFile]: stringify(sales) });
    const lone = path.join(workDir, 'lone-reader.yaml');
    await fs.writeFile(
      lone,
      portedProductYaml('lone-reader', { ports: [], reads: ['ghost.orders'] }),
    );
    const ours = await runCli(
      ['render', lone, '--domain', path.join(repo, salesFile)],
      { cwd: os.tmpdir() },
    );
    expect(ours).toMatchObject({ code: 1, stdout: '' });
    expect(ours.stderr).toContain('There is no data product "ghost"');
    expect(ours.stderr).toContain('found no GitOps repository folder around');
    expect(ours.stderr).toContain(
      "run meshifi render from the repository's root",
    );
  });

  it('refuses a reader whose product’s file is broken, and says to run meshifi validate', async () => {
    const repo = await gitopsFolder({
      [salesFile]: stringify(sales),
      [productFile('orders')]: 'apiVersion: meshifi.io/v1alpha1\nkind: [',
      [productFile('reader')]: portedProductYaml('reader', {
        ports: [],
        reads: ['orders.orders'],
      }),
    });
    const ours = await runCli(['render', productFile('reader')], { cwd: repo });
    expect(ours).toMatchObject({ code: 1, stdout: '' });
    expect(ours.stderr).toContain('There is no data product "orders"');
    expect(ours.stderr).toContain(
      '1 product file there could not be read (domains/sales/products/orders.yaml',
    );
    expect(ours.stderr).toContain('run meshifi validate');
  });

  // A loop of three is found one more call of the function later: meshifi
  // answers each call's new request, as Crossplane does.
  it.each([[['alpha', 'beta']], [['alpha', 'beta', 'gamma']]])(
    'refuses a product of the loop %j of products of the folder, naming the loop',
    async names => {
      const products = Object.fromEntries(
        names.map((name, i) => [
          productFile(name),
          portedProductYaml(name, {
            reads: [`${names[(i + 1) % names.length]}.orders`],
          }),
        ]),
      );
      const repo = await gitopsFolder({
        [salesFile]: stringify(sales),
        ...products,
      });
      const real = await crossplaneRender(
        path.join(repo, productFile('alpha')),
        [
          ...(await domainOnCluster(path.join(repo, salesFile))),
          ...Object.values(products).map(content => parse(content)[0]),
        ],
      );
      const ours = await runCli(['render', productFile('alpha')], {
        cwd: repo,
      });
      expect(ours).toMatchObject({ code: 1, stdout: '' });
      const message = messageOf(ours.stderr);
      expect(message).toContain(
        `makes a loop: ${[...names, 'alpha']
          .map(name => `"${name}"`)
          .join(' reads ')}.`,
      );
      expect(real.ok || real.stderr.replace(/\s+/g, ' ')).toContain(
        message.trim(),
      );
    },
  );

  it('renders a reader whose product the folder has, and refuses it once that product no longer offers the table', async () => {
    const reader = portedProductYaml('reader', {
      ports: [],
      reads: ['orders.orders'],
    });
    const offering = await gitopsFolder({
      [salesFile]: stringify(sales),
      [productFile('orders')]: portedProductYaml('orders'),
      [productFile('reader')]: reader,
    });
    const rendered = await runCli(['render', productFile('reader')], {
      cwd: offering,
    });
    expect(rendered).toMatchObject({ code: 0, stderr: '' });

    const notOffering = await gitopsFolder({
      [salesFile]: stringify(sales),
      [productFile('orders')]: portedProductYaml('orders', { ports: [] }),
      [productFile('reader')]: reader,
    });
    const refused = await runCli(['render', productFile('reader')], {
      cwd: notOffering,
    });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain(
      '"orders" offers no tables yet, so "orders" cannot be read',
    );
    expect(refused.stderr).not.toContain('meshifi looked for');
  });
});
