/*
 * A DataAccess through the real `crossplane render` CLI, the package's
 * Composition and our bundled function served on loopback: the grant's
 * product comes from --required-resources as Crossplane would fetch it. The
 * composed DatasetIAMMember is validated with `crossplane beta validate`
 * against the real provider-gcp v2.6.0 CRDs kept beside the repository in
 * ../shared/crds; without them that test is skipped, saying so in its name.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { parseAllDocuments, stringify } from 'yaml';
import {
  DataProduct,
  dataProductManifest,
  datasetId,
  MEDALLION_LAYERS,
  utcDay,
} from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  crossplaneValidate,
  RenderFunctions,
  startRenderFunctions,
} from '@meshifi/test-utils';
import { crossplaneDir } from './testing/paths';
import {
  describeWithSharedCrds,
  SHARED_CRDS,
  sharedNote,
} from './testing/sharedCrds';

jest.setTimeout(120_000);

const run = promisify(execFile);
const at = (...parts: string[]) => path.join(crossplaneDir, ...parts);
const composition = at('apis/dataaccesses/composition.yaml');

type K8s = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

let tools: CrossplaneTools;
let workDir: string;
let functions: RenderFunctions | undefined;

/** A day `days` after today (UTC): grants must be within the platform's maximum of real time. */
const inDays = (days: number) =>
  utcDay(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

/** The example grant, with another expiry when given. */
async function exampleGrant(changes: Record<string, unknown> = {}) {
  const example = parseAllDocuments(
    await fs.readFile(at('examples/dataaccess.yaml'), 'utf8'),
  )[0].toJS();
  return {
    ...example,
    spec: { ...example.spec, expires: inDays(90), ...changes },
  };
}

/** The example product as Crossplane has it once composed: with its status. */
async function provisionedProduct(namespace = 'sales'): Promise<DataProduct> {
  const example = parseAllDocuments(
    await fs.readFile(at('examples/dataproduct.yaml'), 'utf8'),
  )[0].toJS() as DataProduct;
  const product = dataProductManifest({ ...example.spec, domain: namespace });
  return {
    ...product,
    status: {
      project: `acme-${namespace}-data`,
      datasets: MEDALLION_LAYERS.map(layer => ({
        layer,
        datasetId: datasetId(product.metadata.name, layer),
        location: 'EU',
      })),
    },
  };
}

async function writeYaml(name: string, objects: unknown[]) {
  const file = path.join(workDir, name);
  await fs.writeFile(file, objects.map(o => stringify(o)).join('---\n'));
  return file;
}

/** Renders a grant with the given cluster objects; the output, or what render said on stderr. */
async function render(grant: unknown, required: unknown[]) {
  const xr = await writeYaml(`grant-${Math.random()}.yaml`, [grant]);
  const args = ['render', xr, composition, functions!.functionsFile];
  if (required.length > 0) {
    const file = await writeYaml(`required-${Math.random()}.yaml`, required);
    args.push(`--required-resources=${file}`);
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

const validate = (schemas: string[], resources: string) =>
  crossplaneValidate(tools, schemas, resources);

beforeAll(async () => {
  tools = crossplaneTools();
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-render-access-'));
  functions = await startRenderFunctions(workDir, tools.functionAutoReady);
}, 15 * 60_000);

afterAll(async () => {
  await functions?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

describe('crossplane render of a DataAccess', () => {
  it("composes the consumer's DatasetIAMMember on the product's curated dataset, ending with the expiry day", async () => {
    const expires = inDays(90);
    const { output, stderr } = await render(await exampleGrant({ expires }), [
      await provisionedProduct(),
    ]);
    expect(stderr).toBeUndefined();
    const [xr, ...composed] = output!.filter(o => o.kind !== 'Result');
    expect(xr.kind).toBe('DataAccess');
    const endsAt = `${utcDay(
      new Date(Date.parse(`${expires}T00:00:00Z`) + 24 * 60 * 60 * 1000),
    )}T00:00:00Z`;
    expect(xr.status).toMatchObject({
      project: 'acme-sales-data',
      datasetId: 'customer_orders_curated',
      member: 'group:marketing@example.com',
      role: 'roles/bigquery.dataViewer',
      endsAt,
    });
    expect(composed).toHaveLength(1);
    const [member] = composed;
    expect(member).toMatchObject({
      apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
      kind: 'DatasetIAMMember',
      metadata: {
        name: 'marketing-customer-orders-curated-reader',
        namespace: 'sales',
        labels: {
          'crossplane.io/composite': 'marketing-customer-orders',
          'meshifi.io/data-access': 'marketing-customer-orders',
          'meshifi.io/data-product': 'customer-orders',
          'meshifi.io/domain': 'sales',
          'meshifi.io/role': 'dataset-reader',
        },
      },
      spec: {
        forProvider: {
          project: 'acme-sales-data',
          datasetId: 'customer_orders_curated',
          role: 'roles/bigquery.dataViewer',
          member: 'group:marketing@example.com',
          condition: {
            title: `meshifi access expiry ${expires}`,
            expression: `request.time < timestamp("${endsAt}")`,
          },
        },
      },
    });
  });

  it.each([
    [
      'a layer the platform does not share',
      { layer: 'raw' },
      'The raw layer of a data product is not shared on this platform',
    ],
    [
      'an expiry beyond the maximum',
      { expires: inDays(400) },
      'is more than 365 days away',
    ],
  ])('refuses %s, composing nothing', async (_why, changes, message) => {
    const { stderr } = await render(await exampleGrant(changes), [
      await provisionedProduct(),
    ]);
    expect(stderr).toContain(message);
  });

  it('refuses a product that does not exist, and one of another namespace', async () => {
    const missing = await render(await exampleGrant(), []);
    expect(missing.stderr).toContain(
      'There is no data product "customer-orders" in the namespace "sales"',
    );
    const elsewhere = await render(await exampleGrant(), [
      await provisionedProduct('finance'),
    ]);
    // Crossplane fetches by name in the grant's namespace only; should a
    // product of another namespace come back anyway, the function refuses it.
    expect(elsewhere.stderr).toContain(
      'a grant gives access to a product of its own namespace only',
    );
    expect(elsewhere.output).toBeUndefined();
  });

  it('composes nothing for a grant whose last day has ended', async () => {
    const { output } = await render(
      await exampleGrant({ expires: inDays(-1) }),
      [await provisionedProduct()],
    );
    expect(output!.filter(o => o.kind === 'DatasetIAMMember')).toEqual([]);
  });

  it('finds the example grant valid against our XRD, and refuses one without an expiry', async () => {
    const good = await validate(
      [at('apis/dataaccesses/definition.yaml')],
      at('examples/dataaccess.yaml'),
    );
    expect(good).toEqual({ ok: true, output: expect.any(String) });
    const { expires: _expires, ...spec } = (await exampleGrant()).spec;
    const file = await writeYaml('no-expiry.yaml', [
      { ...(await exampleGrant()), spec },
    ]);
    const bad = await validate([at('apis/dataaccesses/definition.yaml')], file);
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain('spec.expires');
  });
});

describeWithSharedCrds(
  `crossplane beta validate against ../shared/crds/provider-gcp-v2.6.0${sharedNote}`,
  () => {
    it('composes a DatasetIAMMember the real provider-gcp v2.6.0 CRD accepts, and the CRD bites', async () => {
      const { output } = await render(await exampleGrant(), [
        await provisionedProduct(),
      ]);
      const members = output!.filter(o => o.kind === 'DatasetIAMMember');
      expect(members).toHaveLength(1);
      const file = await writeYaml('rendered-member.yaml', members);
      const crd = path.join(
        SHARED_CRDS,
        'bigquery.gcp.m.upbound.io_datasetiammembers.yaml',
      );
      const result = await validate([crd], file);
      expect(result).toEqual({ ok: true, output: expect.any(String) });
      expect(result.output).not.toMatch(/\[x\]/);

      // The same CRD refuses a condition of the wrong shape: the check bites.
      const broken = await writeYaml('broken-member.yaml', [
        {
          ...members[0],
          spec: {
            ...members[0].spec,
            forProvider: { ...members[0].spec.forProvider, condition: 'soon' },
          },
        },
      ]);
      const refused = await validate([crd], broken);
      expect(refused.ok).toBe(false);
      expect(refused.output).toContain('condition');
    });
  },
);
