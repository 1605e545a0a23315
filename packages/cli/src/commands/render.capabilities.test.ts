/*
 * meshifi render of products with capabilities, against the real
 * `crossplane render`: the same XR through the packaged DataProduct
 * Composition, whose capability steps run our bundled function served on
 * loopback, the tools built once into the meshifi cache.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { parseAllDocuments, stringify } from 'yaml';
import {
  dataDomainManifest,
  dataProductManifest,
  gitopsPath,
  KubernetesObject,
} from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  RenderFunctions,
  startRenderFunctions,
} from '@meshifi/test-utils';
import { useBuiltCli } from '../__testUtils__/runCli';

jest.setTimeout(120_000);

const run = promisify(execFile);
const runCli = useBuiltCli();
/** The Crossplane package: the function's folder's parent. */
const crossplaneDir = path.resolve(
  path.dirname(require.resolve('@meshifi/crossplane-function/package.json')),
  '..',
);
const at = (...parts: string[]) => path.join(crossplaneDir, ...parts);
const COMPOSITIONS = {
  DataProduct: at('apis/dataproducts/composition.yaml'),
  DataDomain: at('apis/datadomains/composition.yaml'),
};

let tools: CrossplaneTools;
let workDir: string;
let functionsFile: string;
let functions: RenderFunctions | undefined;

const parse = (text: string) =>
  parseAllDocuments(text).map(d => d.toJS() as KubernetesObject);

/** What the real CLI prints for an XR file, or its error. */
async function crossplaneRender(xrFile: string, requiredDir?: string) {
  const xr = parse(await fs.readFile(xrFile, 'utf8'))[0];
  const composition = COMPOSITIONS[xr.kind as keyof typeof COMPOSITIONS];
  return run(
    tools.crossplane,
    [
      'render',
      xrFile,
      composition,
      functionsFile,
      ...(requiredDir ? [`--required-resources=${requiredDir}`] : []),
    ],
    { maxBuffer: 20 * 1024 * 1024 },
  ).then(
    ({ stdout }) => ({ ok: true as const, stdout }),
    error => ({ ok: false as const, stderr: String(error.stderr) }),
  );
}

/**
 * What the platform gives the function for a product of the domain in
 * `domainFile`: the domain and the namespace it composes, as crossplane
 * render composes it.
 */
async function requiredOfDomain(domainFile: string): Promise<string> {
  const rendered = await crossplaneRender(domainFile);
  if (!rendered.ok) {
    throw new Error(rendered.stderr);
  }
  const dir = await fs.mkdtemp(path.join(workDir, 'required-'));
  await fs.copyFile(domainFile, path.join(dir, 'domain.yaml'));
  await fs.writeFile(
    path.join(dir, 'namespace.yaml'),
    stringify(parse(rendered.stdout).find(o => o.kind === 'Namespace')),
  );
  return dir;
}

/** A GitOps repository folder holding files (path → object). */
async function gitopsFolder(files: KubernetesObject[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(workDir, 'gitops-'));
  for (const object of files) {
    const file = path.join(
      dir,
      gitopsPath(object as Parameters<typeof gitopsPath>[0]),
    );
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, stringify(object));
  }
  return dir;
}

beforeAll(async () => {
  tools = crossplaneTools();
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-cli-render-'));
  functions = await startRenderFunctions(workDir, tools.functionAutoReady);
  functionsFile = functions.functionsFile;
}, 15 * 60_000);

afterAll(async () => {
  await functions?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

const sales = dataDomainManifest('sales', {
  title: 'Sales',
  owner: 'group:default/sales-analytics',
  gcpProject: 'acme-sales-data',
});

describe('meshifi render with capabilities prints what crossplane render prints', () => {
  it.each([
    [
      'dbt',
      {
        dbt: {
          repository: 'https://github.com/acme/orders-dbt.git',
          path: 'orders',
          schedule: '0 6 * * 1-5',
        },
      },
      ['CronJob', 'ConfigMap', 'ServiceAccount'],
    ],
    ['no capability', undefined, []],
  ])(
    "for a product with %s: the capabilities' resources after the core's",
    async (_what, capabilities, kinds) => {
      const product = dataProductManifest({
        info: { name: 'web-orders', version: '1.0.0' },
        access: { owners: ['ana@example.com'] },
        domain: 'sales',
        ...(capabilities ? { capabilities } : {}),
      });
      const repo = await gitopsFolder([sales, product]);
      const file = path.join(repo, gitopsPath(product));
      const real = await crossplaneRender(
        file,
        await requiredOfDomain(path.join(repo, gitopsPath(sales))),
      );
      const ours = await runCli(['render', file], { cwd: os.tmpdir() });
      expect(ours).toMatchObject({ code: 0, stderr: '' });
      expect(real.ok).toBe(true);
      const rendered = parse(ours.stdout);
      expect(real.ok && parse(real.stdout)).toEqual(rendered);
      const ofCapabilities = rendered.filter(
        o => o.metadata.labels?.['meshifi.io/capability'],
      );
      expect([...new Set(ofCapabilities.map(o => o.kind))]).toEqual(
        expect.arrayContaining(kinds),
      );
      expect(ofCapabilities.length > 0).toBe(kinds.length > 0);
    },
  );
});
