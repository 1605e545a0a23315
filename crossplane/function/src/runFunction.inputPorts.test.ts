/*
 * Input ports in the composition function: it asks Crossplane for the
 * products a product reads (by meshifi's label, in every namespace), and
 * refuses with a fatal result a product that reads a product or table that
 * is not there, a retired product, or that makes a loop of inputs.
 */
import {
  fromCompose,
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import {
  dataDomainManifest,
  DataProduct,
  dataProductManifest,
  DataProductSpec,
  InputPort,
  OutputPort,
} from '@meshifi/common';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'util';
import { INPUT_STEPS, inputProductRequirement } from './inputPortRequirements';
import { runFunction } from './runFunction';
import { functionRequest } from './__testUtils__/functionRequest';

const platformInput = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'Input',
  platform: { project: 'meshifi-platform', location: 'EU' },
};

/** Crossplane v2.2.1 runs a function at most this many times more (MaxRequirementsIterations). */
const CROSSPLANE_RERUNS = 5;

const port = (name: string): OutputPort => ({
  name,
  contract: { columns: [{ name: 'id', type: 'STRING', mode: 'REQUIRED' }] },
});

/** A product of no domain, in `default`, reading `inputs` and offering `ports`. */
const product = (
  name: string,
  inputs: InputPort[] = [],
  spec: Partial<DataProductSpec> = {},
): DataProduct => ({
  ...dataProductManifest({
    info: { name, version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    outputPorts: [port('orders')],
    ...(inputs.length ? { inputPorts: inputs } : {}),
    ...spec,
  }),
  // As the cluster has it: a product of no domain is in `default`.
  metadata: {
    name,
    namespace: 'default',
    labels: { 'meshifi.io/data-product': name },
  },
});

const reads = (name: string, table = 'orders'): InputPort => ({
  product: name,
  port: table,
});

const run = (req: RunFunctionRequest) =>
  fromCompose(runFunction).RunFunction(req, undefined);

const request = (xr: unknown, required: Record<string, unknown[]> = {}) =>
  functionRequest(xr, { input: platformInput, required });

/** The objects of `cluster` a selector matches, as Crossplane's fetcher finds them. */
function fetch(
  selector: {
    apiVersion: string;
    kind: string;
    matchName?: string;
    matchLabels?: { labels: Record<string, string> };
    namespace?: string;
  },
  cluster: DataProduct[],
): unknown[] {
  return cluster.filter(
    object =>
      object.apiVersion === selector.apiVersion &&
      object.kind === selector.kind &&
      (!selector.namespace ||
        object.metadata.namespace === selector.namespace) &&
      (!selector.matchName || object.metadata.name === selector.matchName) &&
      Object.entries(selector.matchLabels?.labels ?? {}).every(
        ([key, value]) => object.metadata.labels?.[key] === value,
      ),
  );
}

/**
 * Runs the function as Crossplane does for one step of the pipeline: again
 * with what it asked for, until it asks for nothing new, stops at a fatal
 * result, or fails as Crossplane does when the requirements keep changing.
 */
async function crossplaneRuns(
  xr: DataProduct,
  cluster: DataProduct[],
): Promise<{ rsp: RunFunctionResponse; calls: number }> {
  let previous: unknown = {};
  let required: Record<string, unknown[]> = {};
  for (let call = 1; call <= CROSSPLANE_RERUNS + 1; call++) {
    const rsp = await run(request(xr, required));
    const asked = rsp.requirements?.resources ?? {};
    if (
      rsp.results.some(r => r.severity === Severity.SEVERITY_FATAL) ||
      isDeepStrictEqual(asked, previous)
    ) {
      return { rsp, calls: call };
    }
    previous = asked;
    required = Object.fromEntries(
      Object.entries(asked).map(([key, selector]) => [
        key,
        fetch(selector as Parameters<typeof fetch>[0], cluster),
      ]),
    );
  }
  throw new Error("requirements didn't stabilize");
}

const fatalOf = (rsp: RunFunctionResponse) =>
  rsp.results.find(r => r.severity === Severity.SEVERITY_FATAL)?.message;

describe('runFunction and input ports', () => {
  it('asks for nothing more for a product without input ports', async () => {
    const rsp = await run(request(product('customer-orders')));
    expect(rsp.requirements?.resources ?? {}).toEqual({});
  });

  it('asks for each product read by its label in every namespace, and refuses nothing before the answer', async () => {
    const xr = product('revenue-daily', [
      reads('customer-orders'),
      reads('web-visits', 'visits'),
    ]);
    const first = await run(request(xr));
    expect(first.requirements?.resources).toEqual({
      [inputProductRequirement('customer-orders')]: {
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        matchLabels: {
          labels: { 'meshifi.io/data-product': 'customer-orders' },
        },
      },
      [inputProductRequirement('web-visits')]: {
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        matchLabels: { labels: { 'meshifi.io/data-product': 'web-visits' } },
      },
    });
    expect(fatalOf(first)).toBeUndefined();
    // Composed as usual: Crossplane keeps only the last call's answer.
    expect(Object.keys(first.desired?.resources ?? {})).toContain(
      'dataset-curated',
    );
  });

  it('asks for the products read together with the domain, on the first call', async () => {
    const xr = dataProductManifest({
      info: { name: 'revenue-daily', version: '1.0.0' },
      access: { owners: ['ana@example.com'] },
      domain: 'sales',
      inputPorts: [reads('customer-orders')],
    });
    const first = await run(request(xr));
    expect(Object.keys(first.requirements?.resources ?? {}).sort()).toEqual([
      'domain',
      inputProductRequirement('customer-orders'),
      'namespace',
    ]);
    expect(first.results).toEqual([]);
  });

  it('composes a product whose inputs exist, in any namespace, and are served', async () => {
    const source = {
      ...product('customer-orders'),
      metadata: {
        ...product('customer-orders').metadata,
        namespace: 'sales',
      },
    };
    const { rsp } = await crossplaneRuns(
      product('revenue-daily', [reads('customer-orders')]),
      [source],
    );
    expect(fatalOf(rsp)).toBeUndefined();
    expect(Object.keys(rsp.desired?.resources ?? {})).toContain(
      'service-account',
    );
  });

  it('refuses a product reading a product that does not exist, naming both, the table and what to do', async () => {
    const xr = product('revenue-daily', [reads('customer-orders')]);
    const rsp = await run(
      request(xr, { [inputProductRequirement('customer-orders')]: [] }),
    );
    const message = fatalOf(rsp);
    expect(message).toContain('"revenue-daily"');
    expect(message).toContain('The table "orders" of "customer-orders"');
    expect(message).toContain('There is no data product "customer-orders"');
    expect(message).toContain('tries again on its own');
    expect(rsp.desired?.resources).toEqual({});
    expect(rsp.desired?.composite).toBeUndefined();
  });

  it('refuses a product reading a table its product does not offer, listing what it offers', async () => {
    const { rsp } = await crossplaneRuns(
      product('revenue-daily', [reads('customer-orders', 'returns')]),
      [product('customer-orders')],
    );
    const message = fatalOf(rsp);
    expect(message).toContain('The table "returns" of "customer-orders"');
    expect(message).toContain('it offers "orders"');
    expect(message).not.toContain('tries again');
  });

  it('refuses a product reading a retired product', async () => {
    const { rsp } = await crossplaneRuns(
      product('revenue-daily', [reads('customer-orders')]),
      [product('customer-orders', [], { status: 'retired' })],
    );
    expect(fatalOf(rsp)).toContain('"customer-orders" is retired');
  });

  it('reads a deprecated product without refusing it', async () => {
    const { rsp } = await crossplaneRuns(
      product('revenue-daily', [reads('customer-orders')]),
      [
        product('customer-orders', [], {
          status: 'deprecated',
          deprecation: { date: '2099-01-01', reason: 'Moving to a new shop.' },
        }),
      ],
    );
    expect(fatalOf(rsp)).toBeUndefined();
  });

  it('refuses a product whose input reads it back', async () => {
    const { rsp } = await crossplaneRuns(
      product('revenue-daily', [reads('customer-orders')]),
      [product('customer-orders', [reads('revenue-daily')])],
    );
    expect(fatalOf(rsp)).toContain(
      '"revenue-daily" reads "customer-orders" reads "revenue-daily"',
    );
  });

  it(`finds loops through up to ${INPUT_STEPS} products read, one step per call`, async () => {
    const cluster = [
      product('step-one', [reads('step-two')]),
      product('step-two', [reads('step-three')]),
      product('step-three', [reads('the-reader')]),
    ];
    const { rsp, calls } = await crossplaneRuns(
      product('the-reader', [reads('step-one')]),
      cluster,
    );
    expect(calls).toBeLessThanOrEqual(CROSSPLANE_RERUNS + 1);
    expect(fatalOf(rsp)).toContain(
      '"the-reader" reads "step-one" reads "step-two" reads "step-three" reads "the-reader"',
    );
  });

  it('leaves longer chains and loops to publish and validate, with requirements that settle', async () => {
    const chain = Array.from({ length: 12 }, (_, i) =>
      product(`product-${i}`, i < 11 ? [reads(`product-${i + 1}`)] : []),
    );
    const { rsp, calls } = await crossplaneRuns(chain[0], chain.slice(1));
    expect(fatalOf(rsp)).toBeUndefined();
    expect(calls).toBeLessThanOrEqual(CROSSPLANE_RERUNS + 1);
    expect(Object.keys(rsp.requirements?.resources ?? {})).toHaveLength(
      INPUT_STEPS,
    );
  });

  it('leaves the rules that need the whole mesh to publish and validate', async () => {
    // The replacement is not among the products read: only a check of
    // every product could tell it is missing.
    const { rsp } = await crossplaneRuns(
      product('revenue-daily', [reads('customer-orders')], {
        status: 'deprecated',
        deprecation: { date: '2099-01-01', replacedBy: 'revenue-v2' },
      }),
      [product('customer-orders')],
    );
    expect(fatalOf(rsp)).toBeUndefined();
  });

  it('refuses reading a product whose name two namespaces use', async () => {
    const inSales = {
      ...product('customer-orders'),
      metadata: { ...product('customer-orders').metadata, namespace: 'sales' },
    };
    const { rsp } = await crossplaneRuns(
      product('revenue-daily', [reads('customer-orders')]),
      [product('customer-orders'), inSales],
    );
    expect(fatalOf(rsp)).toContain(
      'There are 2 data products named "customer-orders", in the namespaces "default" and "sales"',
    );
  });

  it('ignores what is no DataProduct among the objects found', async () => {
    const rsp = await run(
      request(product('revenue-daily', [reads('customer-orders')]), {
        [inputProductRequirement('customer-orders')]: [
          { kind: 'DataProduct', metadata: { name: 'customer-orders' } },
          {
            kind: 'DataProduct',
            spec: { info: { name: 'customer-orders' }, outputPorts: 'orders' },
          },
          dataDomainManifest('customer-orders', {
            owner: 'group:x',
            gcpProject: 'acme-x',
          }),
        ],
      }),
    );
    expect(fatalOf(rsp)).toContain(
      'There is no data product "customer-orders"',
    );
  });

  it('settles, and refuses exactly the products whose inputs cannot be read or loop back within its steps, on any mesh (property)', async () => {
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const mesh = fc.record({
      inputs: fc.array(fc.subarray(names, { maxLength: 3 }), {
        minLength: names.length,
        maxLength: names.length,
      }),
      present: fc.array(fc.boolean(), {
        minLength: names.length,
        maxLength: names.length,
      }),
      retired: fc.array(fc.boolean(), {
        minLength: names.length,
        maxLength: names.length,
      }),
    });
    await fc.assert(
      fc.asyncProperty(mesh, async ({ inputs, present, retired }) => {
        const all = names.map((name, i) =>
          product(
            name,
            inputs[i].filter(read => read !== name).map(read => reads(read)),
            retired[i] ? { status: 'retired' } : {},
          ),
        );
        const reader = all[0];
        const cluster = all.slice(1).filter((_, i) => present[i + 1]);
        const { rsp, calls } = await crossplaneRuns(reader, cluster);
        expect(calls).toBeLessThanOrEqual(CROSSPLANE_RERUNS + 1);
        const message = fatalOf(rsp);
        const direct = reader.spec.inputPorts ?? [];
        const inCluster = new Map(cluster.map(p => [p.spec.info.name, p]));
        const unreadable = direct.some(
          input =>
            !inCluster.has(input.product) ||
            inCluster.get(input.product)!.spec.status === 'retired',
        );
        // With six products, a loop through the reader may be six long;
        // those of up to INPUT_STEPS + 1 products are found.
        const readsBack = (from: string, depth: number): boolean =>
          depth > 0 &&
          (inCluster.get(from)?.spec.inputPorts ?? []).some(
            input =>
              input.product === reader.spec.info.name ||
              readsBack(input.product, depth - 1),
          );
        const shortLoop = direct.some(input =>
          readsBack(input.product, INPUT_STEPS),
        );
        // Refused exactly when an input cannot be read or loops back.
        expect(message !== undefined).toBe(unreadable || shortLoop);
        // Refused: nothing; accepted: the product's resources.
        expect(
          Object.keys(rsp.desired?.resources ?? {}).includes('service-account'),
        ).toBe(message === undefined);
      }),
      { numRuns: 300 },
    );
  });
});
