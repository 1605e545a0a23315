/*
 * The Fivetran capability's resources as the real function composes them
 * for a sample product (the package's Composition run step by step, as
 * Crossplane runs its pipeline, with the platform's Fivetran group from an
 * EnvironmentConfig), validated with the real `crossplane beta validate`
 * against the real CRDs of provider-http v1.0.14 and provider-gcp v2.6.0
 * kept beside the repository in ../shared/crds; the product itself against
 * the package's XRD, whose CEL rules on connections bite. Without
 * ../shared the suite is skipped, saying so in its name.
 */
import {
  fromCompose,
  RunFunctionResponse,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import {
  dataDomainManifest,
  dataProductManifest,
  DataProduct,
} from '@meshifi/common';
import {
  crossplaneTools,
  CrossplaneTools,
  crossplaneValidate,
} from '@meshifi/test-utils';
import { existsSync, promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import { COMPOSITIONS, FUNCTION_NAMES } from './compositions';
import { runFunction } from './runFunction';
import { crossplaneDir } from './testing/paths';
import { SHARED_CRDS } from './testing/sharedCrds';
import { functionRequest } from './__testUtils__/functionRequest';

jest.setTimeout(10 * 60_000);

const HTTP_CRDS = path.join(SHARED_CRDS, '..', 'provider-http-v1.0.14');
const shared = existsSync(SHARED_CRDS) && existsSync(HTTP_CRDS);
const describeWithShared = shared ? describe : describe.skip;
const note = shared
  ? ''
  : ' (skipped: no ../shared/crds/provider-gcp-v2.6.0 and provider-http-v1.0.14 beside the repository)';

const xrd = path.join(crossplaneDir, 'apis', 'dataproducts', 'definition.yaml');

/** The sample product: a sheet and a Stripe account loading its raw dataset. */
const product = (connections: unknown[]): DataProduct => ({
  ...dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    capabilities: { fivetran: { connections } },
  }),
  metadata: {
    name: 'customer-orders',
    namespace: 'sales',
    labels: { 'meshifi.io/data-product': 'customer-orders' },
  },
});

const connections = [
  {
    name: 'shop',
    connector: 'google_sheets',
    syncFrequency: 60,
    credentialsSecret: 'shop-sheet',
  },
  {
    name: 'payments',
    connector: 'stripe',
    syncFrequency: 360,
    credentialsSecret: 'stripe-credentials',
  },
];

/** What Crossplane answers the core step for a product of the sales domain. */
const required = {
  domain: [
    dataDomainManifest('sales', {
      owner: 'group:default/sales-analytics',
      gcpProject: 'acme-sales-data',
    }),
  ],
  namespace: [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'sales',
        labels: {
          'crossplane.io/composite': 'sales',
          'meshifi.io/domain': 'sales',
        },
      },
    },
  ],
};

/** The platform's Fivetran group, as an EnvironmentConfig gives it. */
const environment = {
  meshifi: {
    platform: {
      capabilities: {
        fivetran: {
          groupId: 'projected_sickle',
          serviceAccountEmail:
            'g-projected-sickle@fivetran-prod.iam.gserviceaccount.com',
        },
      },
    },
  },
};

/** The package's Composition's meshifi steps, run in order as Crossplane runs them. */
async function composeThroughPipeline(xr: DataProduct) {
  const run = fromCompose(runFunction);
  let last: RunFunctionResponse | undefined;
  for (const step of COMPOSITIONS.DataProduct.spec.pipeline) {
    if (step.functionRef.name !== FUNCTION_NAMES.meshifi) {
      continue;
    }
    last = await run.RunFunction(
      functionRequest(xr, {
        input: step.input,
        environment,
        required,
        previous: last && {
          context: (last.context ?? {}) as Record<string, unknown>,
          desired: last.desired,
        },
      }),
      undefined,
    );
    const fatal = last.results.filter(
      r => r.severity === Severity.SEVERITY_FATAL,
    );
    expect(fatal.map(r => r.message)).toEqual([]);
  }
  return Object.entries(last!.desired?.resources ?? {}).map(([key, r]) => ({
    key,
    resource: r.resource as any,
  }));
}

let tools: CrossplaneTools;
let workDir: string;

const writeYaml = async (name: string, docs: unknown[]) => {
  const file = path.join(workDir, name);
  await fs.writeFile(
    file,
    docs.map(d => stringify(d, { lineWidth: 0 })).join('---\n'),
  );
  return file;
};

describeWithShared(
  `crossplane beta validate of a product with Fivetran connections${note}`,
  () => {
    beforeAll(async () => {
      tools = crossplaneTools();
      workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-fivetran-'));
    }, 15 * 60_000);

    afterAll(async () => {
      if (workDir) {
        await fs.rm(workDir, { recursive: true, force: true });
      }
    });

    it('composes Requests provider-http v1.0.14 accepts and a DatasetIAMMember provider-gcp v2.6.0 accepts, and the CRDs bite', async () => {
      const composed = await composeThroughPipeline(product(connections));
      const fivetran = composed.filter(
        c =>
          c.resource.metadata?.labels?.['meshifi.io/capability'] === 'fivetran',
      );
      expect(fivetran.map(c => c.key).sort()).toEqual([
        'fivetran-connection-payments',
        'fivetran-connection-shop',
        'fivetran-raw-editor',
      ]);
      // Crossplane v2 composes them in the product's namespace.
      const inNamespace = composed.map(c => ({
        ...c.resource,
        metadata: { ...c.resource.metadata, namespace: 'sales' },
      }));
      const file = await writeYaml('composed.yaml', inNamespace);
      const result = await crossplaneValidate(
        tools,
        [HTTP_CRDS, SHARED_CRDS],
        file,
      );
      expect(result).toEqual({ ok: true, output: expect.any(String) });
      expect(result.output).not.toMatch(/\[x\]/);
      expect(result.output).toMatch(/Request/);

      // A mapping of a method provider-http does not know is refused.
      const request = inNamespace.find(r => r.kind === 'Request')!;
      const broken = await writeYaml('broken-request.yaml', [
        {
          ...request,
          spec: {
            ...request.spec,
            forProvider: {
              ...request.spec.forProvider,
              mappings: [{ method: 'FETCH', url: '.payload.baseUrl' }],
            },
          },
        },
      ]);
      const refused = await crossplaneValidate(tools, [HTTP_CRDS], broken);
      expect(refused.ok).toBe(false);
      expect(refused.output).toContain('method');
    });

    it("checks the product against the package's XRD: connections accepted, a name used twice or a frequency Fivetran lacks refused by its rules", async () => {
      const good = await writeYaml('product.yaml', [product(connections)]);
      const accepted = await crossplaneValidate(tools, [xrd], good);
      expect(accepted).toEqual({ ok: true, output: expect.any(String) });

      const twice = await writeYaml('product-twice.yaml', [
        product([connections[0], { ...connections[1], name: 'shop' }]),
      ]);
      const refusedTwice = await crossplaneValidate(tools, [xrd], twice);
      expect(refusedTwice.ok).toBe(false);
      expect(refusedTwice.output).toContain(
        'Give each connection its own name.',
      );

      const every7 = await writeYaml('product-every7.yaml', [
        product([{ ...connections[0], syncFrequency: 7 }]),
      ]);
      const refused7 = await crossplaneValidate(tools, [xrd], every7);
      expect(refused7.ok).toBe(false);
      expect(refused7.output).toContain('syncFrequency must be one of');
    });
  },
);
