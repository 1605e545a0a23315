/*
 * The Crossplane package verified with real parts: the real `crossplane` CLI
 * renders the example XRs through the Compositions, calling our bundled
 * function and function-auto-ready served on loopback; `crossplane beta
 * validate` checks the result against the real GCP provider CRDs and the
 * examples against our XRDs. Tools are built once into the meshifi cache.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import {
  dataDomainManifest,
  iamMemberOf,
  resourceNames,
} from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  crossplaneValidate,
  RenderFunctions,
  startRenderFunctions,
} from '@meshifi/test-utils';
import {
  crossplaneRenderer,
  exampleDomainRequired,
  inPackage as at,
  RenderedObject as K8s,
} from './__testUtils__/crossplaneRender';

jest.setTimeout(120_000);

let tools: CrossplaneTools;
let workDir: string;
/** The example domain and its namespace as Crossplane composes it: what a product's function asks for. */
let salesRequired = '';
let functions: RenderFunctions | undefined;
let renderer: ReturnType<typeof crossplaneRenderer>;

const render = (xr: string, composition: string, extra: string[] = []) =>
  renderer.render(xr, composition, extra);
const renderError = (xr: string, composition: string, extra: string[] = []) =>
  renderer.renderError(xr, composition, extra);

/** Writes objects as one YAML file in the work folder and returns its path. */
async function writeYaml(name: string, objects: unknown[]) {
  const file = path.join(workDir, name);
  await fs.writeFile(file, objects.map(o => stringify(o)).join('---\n'));
  return file;
}

const validate = (schemas: string[], resources: string) =>
  crossplaneValidate(tools, schemas, resources);

beforeAll(async () => {
  tools = crossplaneTools();
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-render-'));
  functions = await startRenderFunctions(workDir, tools.functionAutoReady);
  renderer = crossplaneRenderer(tools.crossplane, functions.functionsFile);
  salesRequired = await exampleDomainRequired(renderer.render, workDir);
}, 15 * 60_000);

afterAll(async () => {
  await functions?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

describe('crossplane render of the examples', () => {
  it('composes the sales product into exactly its GCP resources, in its domain project', async () => {
    const output = await render(
      at('examples/dataproduct.yaml'),
      at('apis/dataproducts/composition.yaml'),
      [`--required-resources=${salesRequired}`],
    );
    const [xr, ...composed] = output.filter(o => o.kind !== 'Result');
    expect(xr.kind).toBe('DataProduct');
    expect(xr.status).toMatchObject({
      project: 'acme-sales-data',
      serviceAccountEmail:
        'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    });
    const owners = ['ana@example.com', 'pat@example.com'];
    const summary = composed.map(o => `${o.kind} ${o.metadata.name}`).sort();
    expect(summary).toEqual(
      [
        'Dataset customer-orders-cleaned',
        'Dataset customer-orders-curated',
        'Dataset customer-orders-raw',
        'DatasetIAMMember customer-orders-cleaned-writer',
        'DatasetIAMMember customer-orders-curated-writer',
        'DatasetIAMMember customer-orders-raw-writer',
        'ProjectIAMMember customer-orders-job-user',
        'ServiceAccount customer-orders-sa',
        ...owners.map(
          owner =>
            `ServiceAccountIAMMember ${resourceNames.ownerImpersonation(
              'customer-orders',
              owner,
            )}`,
        ),
        'Usage customer-orders-uses-domain',
        'Usage customer-orders-uses-namespace',
      ].sort(),
    );
    for (const resource of composed) {
      expect(resource.metadata.namespace).toBe('sales');
      expect(resource.metadata.labels).toMatchObject({
        'crossplane.io/composite': 'customer-orders',
        'meshifi.io/data-product': 'customer-orders',
        'meshifi.io/domain': 'sales',
      });
    }
    for (const resource of composed.filter(o => o.kind !== 'Usage')) {
      expect(JSON.stringify(resource.spec.forProvider)).not.toContain(
        'meshifi-platform',
      );
    }
    const members = composed
      .filter(o => o.kind === 'ServiceAccountIAMMember')
      .map(o => o.spec.forProvider.member)
      .sort();
    expect(members).toEqual(owners.map(iamMemberOf).sort());
  });

  it('marks the product ready once every composed resource is, through function-auto-ready', async () => {
    const args = [`--required-resources=${salesRequired}`];
    const first = await render(
      at('examples/dataproduct.yaml'),
      at('apis/dataproducts/composition.yaml'),
      args,
    );
    const readyCondition = (o: K8s) =>
      o.status?.conditions?.find((c: { type: string }) => c.type === 'Ready');
    expect(readyCondition(first[0])).toMatchObject({
      status: 'False',
      reason: 'Creating',
    });

    // The cluster as it looks once the provider has created everything.
    const observed = first.slice(1).map(o => ({
      ...o,
      status: {
        conditions: [
          { type: 'Ready', status: 'True', reason: 'Available' },
          { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
        ],
      },
    }));
    const observedFile = path.join(workDir, 'observed.yaml');
    await fs.writeFile(
      observedFile,
      observed.map(o => stringify(o)).join('---\n'),
    );
    const second = await render(
      at('examples/dataproduct.yaml'),
      at('apis/dataproducts/composition.yaml'),
      [...args, `--observed-resources=${observedFile}`],
    );
    expect(readyCondition(second[0])).toMatchObject({
      status: 'True',
      reason: 'Available',
    });
  });

  it('composes a product without a domain in the platform project', async () => {
    const output = await render(
      at('examples/dataproduct-minimal.yaml'),
      at('apis/dataproducts/composition.yaml'),
    );
    const datasets = output.filter(o => o.kind === 'Dataset');
    expect(datasets.map(d => d.spec.forProvider.project)).toEqual([
      'meshifi-platform',
      'meshifi-platform',
      'meshifi-platform',
    ]);
  });

  it('reports a missing domain instead of composing', async () => {
    const error = await render(
      at('examples/dataproduct.yaml'),
      at('apis/dataproducts/composition.yaml'),
    ).catch(e => e as { stderr: string });
    expect(error).toHaveProperty('stderr');
    expect((error as { stderr: string }).stderr).toContain(
      'The domain "sales" does not exist',
    );
  });

  it('composes the namespace of the example domain', async () => {
    const output = await render(
      at('examples/datadomain.yaml'),
      at('apis/datadomains/composition.yaml'),
    );
    expect(
      output.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
    ).toEqual(['sales']);
  });
});

describe('crossplane render: the domain of a product is its namespace', () => {
  const financeDomain = dataDomainManifest('finance', {
    owner: 'group:default/finance',
    gcpProject: 'acme-finance-data',
  });

  it('refuses a product in the sales namespace that names the finance domain, though finance exists', async () => {
    const required = path.join(workDir, 'both-domains');
    await fs.mkdir(required, { recursive: true });
    await fs.cp(salesRequired, required, { recursive: true });
    await fs.writeFile(
      path.join(required, 'finance.yaml'),
      [
        financeDomain,
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: 'finance',
            labels: {
              'crossplane.io/composite': 'finance',
              'meshifi.io/domain': 'finance',
            },
          },
        },
      ]
        .map(o => stringify(o))
        .join('---\n'),
    );
    const example = parseAllDocuments(
      await fs.readFile(at('examples/dataproduct.yaml'), 'utf8'),
    )[0].toJS();
    const xr = await writeYaml('sales-product-of-finance.yaml', [
      { ...example, spec: { ...example.spec, domain: 'finance' } },
    ]);
    const stderr = await renderError(
      xr,
      at('apis/dataproducts/composition.yaml'),
      [`--required-resources=${required}`],
    );
    expect(stderr).toContain(
      'The data product "customer-orders" is in the namespace "sales", so it belongs to the domain "sales", but its spec.domain is "finance"',
    );
    expect(stderr).toContain('spec.domain "sales"');
    expect(stderr).not.toContain('acme-finance-data');
  });

  it('refuses a product in a domain namespace without spec.domain', async () => {
    const example = parseAllDocuments(
      await fs.readFile(at('examples/dataproduct.yaml'), 'utf8'),
    )[0].toJS();
    const { domain: _domain, ...spec } = example.spec;
    const xr = await writeYaml('sales-product-without-domain.yaml', [
      { ...example, spec },
    ]);
    const stderr = await renderError(
      xr,
      at('apis/dataproducts/composition.yaml'),
      [`--required-resources=${salesRequired}`],
    );
    expect(stderr).toContain(
      'is in the namespace "sales", so it belongs to the domain "sales", but it has no spec.domain',
    );
  });
});

describe('crossplane render: a domain and the namespace of its name', () => {
  it('refuses a domain named like a reserved namespace', async () => {
    const xr = await writeYaml('kube-system-domain.yaml', [
      dataDomainManifest('kube-system', {
        owner: 'group:default/platform',
        gcpProject: 'acme-platform',
      }),
    ]);
    const stderr = await renderError(
      xr,
      at('apis/datadomains/composition.yaml'),
    );
    expect(stderr).toContain('The domain name "kube-system" is reserved');
  });

  it('refuses to take over a namespace that exists and that it did not compose', async () => {
    const existing = await writeYaml('sales-namespace-by-hand.yaml', [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'sales',
          labels: { 'kubernetes.io/metadata.name': 'sales' },
        },
      },
    ]);
    const stderr = await renderError(
      at('examples/datadomain.yaml'),
      at('apis/datadomains/composition.yaml'),
      [`--required-resources=${existing}`],
    );
    expect(stderr).toContain(
      'The namespace "sales" already exists and belongs to something else: pick another domain name',
    );
  });

  it('keeps composing the namespace it composed', async () => {
    const output = await render(
      at('examples/datadomain.yaml'),
      at('apis/datadomains/composition.yaml'),
      [`--required-resources=${path.join(salesRequired, 'namespace.yaml')}`],
    );
    expect(
      output.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
    ).toEqual(['sales']);
  });
});

describe('crossplane beta validate', () => {
  it('finds the rendered resources valid against the real GCP provider CRDs', async () => {
    const output = await render(
      at('examples/dataproduct.yaml'),
      at('apis/dataproducts/composition.yaml'),
      [`--required-resources=${salesRequired}`],
    );
    const managed = output.filter(o =>
      o.apiVersion.includes('.gcp.m.upbound.io'),
    );
    expect(managed).toHaveLength(10);
    const file = path.join(workDir, 'rendered.yaml');
    await fs.writeFile(file, managed.map(o => stringify(o)).join('---\n'));
    const result = await validate([tools.gcpCrds], file);
    expect(result).toEqual({ ok: true, output: expect.any(String) });
    expect(result.output).not.toMatch(/\[x\]/);
  });

  it("finds the product's Usages valid against Crossplane's own Usage CRD", async () => {
    const output = await render(
      at('examples/dataproduct.yaml'),
      at('apis/dataproducts/composition.yaml'),
      [`--required-resources=${salesRequired}`],
    );
    const usages = output.filter(o => o.kind === 'Usage');
    expect(usages.map(u => u.spec.of.kind).sort()).toEqual([
      'DataDomain',
      'Namespace',
    ]);
    for (const usage of usages) {
      expect(usage.apiVersion).toBe('protection.crossplane.io/v1beta1');
      expect(usage.metadata.namespace).toBe('sales');
      expect(usage.spec.of.resourceRef).toEqual({
        name: 'sales',
        namespace: '',
      });
      expect(usage.spec.by.resourceRef.name).toBe(
        resourceNames.serviceAccount('customer-orders'),
      );
    }
    const file = await writeYaml('usages.yaml', usages);
    const result = await validate([tools.crossplaneCrds], file);
    expect(result).toEqual({ ok: true, output: expect.any(String) });
    expect(result.output).not.toMatch(/\[x\]/);
  });

  it("catches a Usage Crossplane's CRD would refuse", async () => {
    const file = await writeYaml('bad-usage.yaml', [
      {
        apiVersion: 'protection.crossplane.io/v1beta1',
        kind: 'Usage',
        metadata: { name: 'no-by', namespace: 'sales' },
        spec: {
          of: {
            apiVersion: 'meshifi.io/v1alpha1',
            kind: 'DataDomain',
            resourceRef: { name: 'sales', namespace: '' },
          },
          reason: 'a namespace in "of" needs "by"',
        },
      },
    ]);
    const result = await validate([tools.crossplaneCrds], file);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      'cross-namespace "spec.of" is not allowed without "spec.by"',
    );
  });

  it('catches a resource the provider would refuse', async () => {
    const file = path.join(workDir, 'broken.yaml');
    await fs.writeFile(
      file,
      stringify({
        apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
        kind: 'Dataset',
        metadata: { name: 'broken', namespace: 'sales' },
        spec: { forProvider: { location: 42 } },
      }),
    );
    const result = await validate([tools.gcpCrds], file);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('location');
  });

  it('finds the examples valid against our XRDs', async () => {
    const result = await validate([at('apis')], at('examples'));
    expect(result).toEqual({ ok: true, output: expect.any(String) });
  });

  it('refuses a product whose owner is not an email, against our XRD', async () => {
    const file = path.join(workDir, 'bad-product.yaml');
    await fs.writeFile(
      file,
      stringify({
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'bad', namespace: 'sales' },
        spec: {
          info: { name: 'bad', version: 'one' },
          access: { owners: ['not an email'] },
        },
      }),
    );
    const result = await validate([at('apis')], file);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('spec.info.version');
    expect(result.output).toContain('spec.access.owners[0]');
  });
});
