/*
 * meshifi render against the real `crossplane render`: the same XR through
 * the packaged Compositions, our bundled function and function-auto-ready
 * served on loopback, the tools built once into the meshifi cache.
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

describe('meshifi render prints what crossplane render prints', () => {
  it('for the example domain', async () => {
    const file = at('examples/datadomain.yaml');
    const real = await crossplaneRender(file);
    const ours = await runCli(['render', file]);
    expect(ours).toMatchObject({ code: 0, stderr: '' });
    expect(real.ok && parse(real.stdout)).toEqual(parse(ours.stdout));
  });

  it('for the example product, given its domain, to the byte', async () => {
    const file = at('examples/dataproduct.yaml');
    const domainFile = at('examples/datadomain.yaml');
    const real = await crossplaneRender(
      file,
      await requiredOfDomain(domainFile),
    );
    const ours = await runCli(['render', file, '--domain', domainFile]);
    expect(ours).toMatchObject({ code: 0, stderr: '' });
    expect(real.ok).toBe(true);
    const [realDocs, ourDocs] = [real.ok ? real.stdout : '', ours.stdout].map(
      parse,
    );
    expect(ourDocs.map(o => `${o.kind} ${o.metadata.name}`)).toEqual(
      realDocs.map(o => `${o.kind} ${o.metadata.name}`),
    );
    expect(ourDocs).toEqual(realDocs);
    expect(ours.stdout).toBe(real.ok && real.stdout);
  });

  it('for the example product of no domain', async () => {
    const file = at('examples/dataproduct-minimal.yaml');
    const real = await crossplaneRender(file);
    const ours = await runCli(['render', file]);
    expect(ours).toMatchObject({ code: 0, stderr: '' });
    expect(real.ok && parse(real.stdout)).toEqual(parse(ours.stdout));
  });

  it('for a product of a GitOps repository, whose domain file it finds itself', async () => {
    const product = dataProductManifest({
      info: {
        name: 'web-orders',
        version: '2.1.0',
        title: 'Orders: "web" & shop — 2024',
        description: 'Every web order: "quoted", #hashed, 100% & more',
      },
      access: {
        owners: [
          'ana@example.com',
          'group:sales@example.com',
          'no@example.com',
        ],
      },
      domain: 'sales',
      location: 'US',
    });
    const repo = await gitopsFolder([sales, product]);
    const file = path.join(repo, gitopsPath(product));
    const real = await crossplaneRender(
      file,
      await requiredOfDomain(path.join(repo, gitopsPath(sales))),
    );
    // Run from elsewhere: the domain is found next to the product.
    const ours = await runCli(['render', file], { cwd: os.tmpdir() });
    expect(ours).toMatchObject({ code: 0, stderr: '' });
    expect(real.ok && parse(real.stdout)).toEqual(parse(ours.stdout));
  });

  it('for a domain of a GitOps repository, from its root', async () => {
    const repo = await gitopsFolder([sales]);
    const real = await crossplaneRender(path.join(repo, gitopsPath(sales)));
    const ours = await runCli(['render', gitopsPath(sales)], { cwd: repo });
    expect(ours.code).toBe(0);
    expect(real.ok && parse(real.stdout)).toEqual(parse(ours.stdout));
  });
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

describe('meshifi render refuses what the function refuses, with its message', () => {
  it('a product whose domain has no file: exit code 1, the function’s words and where it looked', async () => {
    const product = dataProductManifest({
      info: { name: 'orphan', version: '1.0.0' },
      access: { owners: ['ana@example.com'] },
      domain: 'sales',
    });
    const repo = await gitopsFolder([product]);
    const real = await crossplaneRender(path.join(repo, gitopsPath(product)));
    const ours = await runCli(['render', gitopsPath(product)], { cwd: repo });
    const said = 'The domain "sales" does not exist';
    expect(real.ok || real.stderr).toContain(said);
    expect(ours).toMatchObject({ code: 1, stdout: '' });
    expect(ours.stderr).toContain(said);
    expect(ours.stderr).toContain('domains/sales/domain.yaml');
    expect(ours.stderr).toContain('--domain');
  });

  it('a product whose owner is not an email, and one in another domain’s namespace', async () => {
    const example = parse(
      await fs.readFile(at('examples/dataproduct.yaml'), 'utf8'),
    )[0] as KubernetesObject & { spec: Record<string, unknown> };
    const domainFile = at('examples/datadomain.yaml');
    const required = await requiredOfDomain(domainFile);
    const cases = [
      { ...example, spec: { ...example.spec, access: { owners: ['ana'] } } },
      { ...example, spec: { ...example.spec, domain: 'finance' } },
    ];
    for (const xr of cases) {
      const file = path.join(workDir, `refused-${cases.indexOf(xr)}.yaml`);
      await fs.writeFile(file, stringify(xr));
      const real = await crossplaneRender(file, required);
      const ours = await runCli(['render', file, '--domain', domainFile]);
      expect(real.ok).toBe(false);
      expect(ours).toMatchObject({ code: 1, stdout: '' });
      const message = ours.stderr
        .replace(/^meshifi: .* cannot be composed: /, '')
        .trim();
      expect(message.length).toBeGreaterThan(20);
      expect(real.ok || real.stderr.replace(/\s+/g, ' ')).toContain(
        message.replace(/\s+/g, ' '),
      );
    }
  });
});

describe('meshifi render on files it cannot read', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'broken YAML',
      'apiVersion: meshifi.io/v1alpha1\nkind: [DataProduct\n',
      /:\d+ is not valid YAML/,
    ],
    [
      'not a product',
      stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x' },
      }),
      /holds a ConfigMap, not a meshifi DataProduct or DataDomain/,
    ],
    [
      'two documents',
      `${stringify(sales)}---\n${stringify(sales)}`,
      /holds 2 YAML documents/,
    ],
    [
      'an alias bomb',
      [
        'a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      ].join('\n'),
      /cannot be read/,
    ],
  ];

  it.each(cases)(
    '%s: exit code 2 and what is wrong',
    async (_name, content, said) => {
      const file = path.join(
        workDir,
        `unreadable-${_name.replace(/ /g, '-')}.yaml`,
      );
      await fs.writeFile(file, content);
      const { code, stdout, stderr } = await runCli(['render', file]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(said);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('a file that does not exist, and a product whose --domain is not a domain', async () => {
    const missing = await runCli([
      'render',
      path.join(workDir, 'nothing.yaml'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nothing.yaml does not exist');
    const notDomain = await runCli([
      'render',
      at('examples/dataproduct.yaml'),
      '--domain',
      at('examples/dataproduct-minimal.yaml'),
    ]);
    expect(notDomain.code).toBe(2);
    expect(notDomain.stderr).toContain('not the DataDomain sales');
  });
});
