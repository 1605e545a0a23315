import {
  fromCompose,
  RunFunctionRequest,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import {
  dataAccessManifest,
  DataAccessSpec,
  dataProductManifest,
  datasetId,
  MEDALLION_LAYERS,
} from '@meshifi/common';
import { COMPOSITIONS } from './compositions';
import { createRunFunction } from './runFunction';
import {
  functionRequest,
  FunctionRequestOptions,
} from './__testUtils__/functionRequest';

/** The day the tests run on, as the function's clock says. */
const NOW = new Date('2026-12-02T15:00:00Z');

/** The function input the package ships in the DataAccess Composition. */
const packagedInput = COMPOSITIONS.DataAccess.spec.pipeline[0].input;

const request = (xr: unknown, options: Partial<FunctionRequestOptions> = {}) =>
  functionRequest(xr, { ...options, input: options.input ?? packagedInput });

const run = (req: RunFunctionRequest, now = NOW) =>
  fromCompose(createRunFunction(() => now)).RunFunction(req, undefined);

/** The sales product as Crossplane has it once composed: with its status. */
const product = (namespace = 'sales', status?: Record<string, unknown>) => {
  const manifest = dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    ...(namespace === 'default' ? {} : { domain: namespace }),
  });
  return {
    ...manifest,
    metadata: { ...manifest.metadata, namespace },
    status: status ?? {
      project: `acme-${namespace}-data`,
      serviceAccountEmail: `dp-customer-orders@acme-${namespace}-data.iam.gserviceaccount.com`,
      datasets: MEDALLION_LAYERS.map(layer => ({
        layer,
        datasetId: datasetId('customer-orders', layer),
        location: 'EU',
      })),
    },
  };
};

const grant = (spec: Partial<DataAccessSpec> = {}, namespace = 'sales') =>
  dataAccessManifest('marketing-orders', namespace, {
    product: 'customer-orders',
    consumer: {
      type: 'group',
      email: 'marketing@example.com',
      entityRef: 'group:default/marketing',
    },
    purpose: 'Campaign reporting on orders.',
    expires: '2027-03-31',
    ...spec,
  });

/** Runs the function as Crossplane does the second time: with the product it found. */
const withProduct = (xr: unknown, found: unknown[], options = {}) =>
  run(request(xr, { ...options, required: { product: found } }));

/** What a response says and composes, to compare with `refusedWith`. */
const outcomeOf = (rsp: Awaited<ReturnType<typeof run>>) => ({
  results: rsp.results.map(r => ({ severity: r.severity, message: r.message })),
  resources: rsp.desired?.resources,
  composite: rsp.desired?.composite,
});

/** A fatal result with `message` in it, and nothing composed. */
const refusedWith = (message: string) => ({
  results: [
    {
      severity: Severity.SEVERITY_FATAL,
      message: expect.stringContaining(message),
    },
  ],
  resources: {},
  composite: undefined,
});

describe('runFunction: a DataAccess', () => {
  it("asks Crossplane for the product by name in the grant's own namespace, composing nothing yet", async () => {
    const rsp = await run(request(grant()));
    expect(rsp.requirements?.resources).toEqual({
      product: {
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        matchName: 'customer-orders',
        namespace: 'sales',
      },
    });
    expect(rsp.desired?.resources).toEqual({});
    expect(rsp.results).toEqual([]);
  });

  it('composes the DatasetIAMMember of the grant with its expiry condition, and reports it on the XR', async () => {
    const rsp = await withProduct(grant(), [product()]);
    expect(rsp.results).toEqual([
      expect.objectContaining({
        severity: Severity.SEVERITY_NORMAL,
        message:
          'the group marketing@example.com may read customer_orders_curated in acme-sales-data until 2027-03-31 ends (UTC).',
      }),
    ]);
    expect(Object.keys(rsp.desired?.resources ?? {})).toEqual([
      'dataset-reader-curated',
    ]);
    expect(rsp.desired?.resources['dataset-reader-curated'].resource).toEqual({
      apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
      kind: 'DatasetIAMMember',
      metadata: {
        name: 'marketing-orders-curated-reader',
        labels: {
          'meshifi.io/data-access': 'marketing-orders',
          'meshifi.io/data-product': 'customer-orders',
          'meshifi.io/role': 'dataset-reader',
          'meshifi.io/domain': 'sales',
        },
      },
      spec: {
        forProvider: {
          project: 'acme-sales-data',
          datasetId: 'customer_orders_curated',
          role: 'roles/bigquery.dataViewer',
          member: 'group:marketing@example.com',
          condition: {
            title: 'meshifi access expiry 2027-03-31',
            description:
              'meshifi ends the DataAccess sales/marketing-orders when 2027-03-31 ends (UTC).',
            expression: 'request.time < timestamp("2027-04-01T00:00:00Z")',
          },
        },
        providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
      },
    });
    expect((rsp.desired?.composite?.resource as any).status).toEqual({
      project: 'acme-sales-data',
      datasetId: 'customer_orders_curated',
      member: 'group:marketing@example.com',
      role: 'roles/bigquery.dataViewer',
      endsAt: '2027-04-01T00:00:00Z',
    });
  });

  it('composes nothing for a grant that has ended, with a warning, so that Crossplane removes its member', async () => {
    const rsp = await withProduct(grant({ expires: '2026-12-01' }), [
      product(),
    ]);
    expect(rsp.desired?.resources).toEqual({});
    expect(rsp.results).toEqual([
      expect.objectContaining({
        severity: Severity.SEVERITY_WARNING,
        message: expect.stringContaining(
          'ended when 2026-12-01 ended (UTC): delete the grant, or ask for a new one',
        ),
      }),
    ]);
    // The last day still grants until it ends in UTC.
    const lastDay = await run(
      request(grant({ expires: '2026-12-02' }), {
        required: { product: [product()] },
      }),
      new Date('2026-12-02T23:59:59Z'),
    );
    expect(Object.keys(lastDay.desired?.resources ?? {})).toEqual([
      'dataset-reader-curated',
    ]);
  });

  it.each([
    [
      'a layer the platform does not share',
      grant({ layer: 'raw' }),
      [product()],
      'The raw layer of a data product is not shared on this platform',
    ],
    [
      'an expiry beyond the maximum',
      grant({ expires: '2027-12-03' }),
      [product()],
      'more than 365 days away, the most the platform allows: pick 2027-12-02 or earlier',
    ],
    [
      'a product that does not exist',
      grant(),
      [],
      'There is no data product "customer-orders" in the namespace "sales"',
    ],
    [
      "a product in another domain's namespace",
      grant(),
      [product('finance')],
      'The data product "customer-orders" of the namespace "finance" is not the product "customer-orders" of the grant\'s namespace "sales"',
    ],
    [
      'a product not provisioned yet',
      grant(),
      [product('sales', {})],
      'is not provisioned yet: the grant waits until it is',
    ],
    [
      'a consumer that is no email',
      grant({ consumer: { type: 'user', email: 'everyone' } }),
      [product()],
      'Consumer email: Give the email',
    ],
    [
      'an expiry that is no day',
      grant({ expires: '2027-02-29' }),
      [product()],
      'is not a day of the calendar',
    ],
  ])(
    'refuses %s with a fatal result, composing nothing',
    async (_why, xr, found, message) => {
      expect(outcomeOf(await withProduct(xr, found))).toEqual(
        refusedWith(message),
      );
    },
  );

  it('shares the layers and keeps grants to the days the platform sets, from the input or an EnvironmentConfig', async () => {
    const cleaned = grant({ layer: 'cleaned', expires: '2027-01-31' });
    const fromInput = await withProduct(cleaned, [product()], {
      input: { platform: { access: { shareableLayers: ['cleaned'] } } },
    });
    expect(Object.keys(fromInput.desired?.resources ?? {})).toEqual([
      'dataset-reader-cleaned',
    ]);
    const fromEnvironment = await withProduct(cleaned, [product()], {
      environment: {
        meshifi: {
          platform: {
            access: { shareableLayers: ['curated', 'cleaned'], maxDays: 30 },
          },
        },
      },
    });
    expect(outcomeOf(fromEnvironment)).toEqual(
      refusedWith('more than 30 days away'),
    );
  });

  it.each([
    [{ shareableLayers: ['gold'] }, 'shareableLayers lists the layers'],
    [{ shareableLayers: 'curated' }, 'shareableLayers lists the layers'],
    [{ maxDays: 0 }, 'maxDays is how many days a grant may last at most'],
    [{ maxDays: 1.5 }, 'a whole number from 1 to 3650'],
    [{ maxDays: 100_000 }, 'a whole number from 1 to 3650'],
  ])(
    'tells the platform engineer when the rules %j are wrong',
    async (access, message) => {
      const rsp = await withProduct(grant(), [product()], {
        input: { platform: { access } },
      });
      expect(outcomeOf(rsp)).toEqual(refusedWith(message));
    },
  );

  it('refuses an invalid grant before asking for anything', async () => {
    const rsp = await run(
      request(
        grant({
          consumer: { type: 'serviceAccount', email: 'ana@example.com' },
        }),
      ),
    );
    expect(rsp.requirements?.resources ?? {}).toEqual({});
    expect(outcomeOf(rsp)).toEqual(
      refusedWith("ana@example.com is not a service account's email"),
    );
  });

  it('grants a product of no domain to a grant in default', async () => {
    const rsp = await withProduct(grant({}, 'default'), [product('default')]);
    const member = rsp.desired?.resources['dataset-reader-curated']
      .resource as any;
    expect(member.spec.forProvider.project).toBe('acme-default-data');
    expect(member.metadata.labels).not.toHaveProperty('meshifi.io/domain');
  });
});
