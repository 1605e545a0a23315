import {
  fromCompose,
  RunFunctionRequest,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import { dataDomainManifest, dataProductManifest } from '@meshifi/common';
import { runFunction } from './runFunction';

const platformInput = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'Input',
  platform: { project: 'meshifi-platform', location: 'EU' },
};

const salesDomain = dataDomainManifest('sales', {
  owner: 'group:default/sales-analytics',
  gcpProject: 'acme-sales-data',
});

function request(
  xr: unknown,
  options: {
    input?: unknown;
    required?: Record<string, unknown[]>;
    environment?: unknown;
  } = {},
) {
  return RunFunctionRequest.fromPartial({
    observed: { composite: { resource: xr as any }, resources: {} },
    desired: { resources: {} },
    input: (options.input ?? platformInput) as any,
    context: options.environment
      ? { 'apiextensions.crossplane.io/environment': options.environment }
      : undefined,
    requiredResources: Object.fromEntries(
      Object.entries(options.required ?? {}).map(([key, items]) => [
        key,
        { items: items.map(resource => ({ resource: resource as any })) },
      ]),
    ),
  });
}

const run = (req: RunFunctionRequest) =>
  fromCompose(runFunction).RunFunction(req, undefined);

const product = (spec: Record<string, unknown> = {}) =>
  dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    ...spec,
  });

const kindsOf = (rsp: Awaited<ReturnType<typeof run>>) =>
  Object.values(rsp.desired?.resources ?? {})
    .map(r => (r.resource as any).kind)
    .sort();

describe('runFunction', () => {
  it('composes a product without a domain in the platform project', async () => {
    const rsp = await run(request(product()));
    expect(rsp.results.map(r => r.severity)).toEqual([
      Severity.SEVERITY_NORMAL,
    ]);
    expect(kindsOf(rsp)).toEqual([
      'Dataset',
      'Dataset',
      'Dataset',
      'DatasetIAMMember',
      'DatasetIAMMember',
      'DatasetIAMMember',
      'ProjectIAMMember',
      'ServiceAccount',
      'ServiceAccountIAMMember',
    ]);
    expect((rsp.desired?.composite?.resource as any).status).toEqual({
      project: 'meshifi-platform',
      serviceAccountEmail:
        'dp-customer-orders@meshifi-platform.iam.gserviceaccount.com',
      datasets: [
        { layer: 'raw', datasetId: 'customer_orders_raw', location: 'EU' },
        {
          layer: 'cleaned',
          datasetId: 'customer_orders_cleaned',
          location: 'EU',
        },
        {
          layer: 'curated',
          datasetId: 'customer_orders_curated',
          location: 'EU',
        },
      ],
    });
  });

  it('asks Crossplane for the domain first, then composes in its project', async () => {
    const xr = product({ domain: 'sales' });
    const first = await run(request(xr));
    expect(first.requirements?.resources).toEqual({
      domain: {
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataDomain',
        matchName: 'sales',
      },
    });
    expect(first.desired?.resources).toEqual({});
    expect(first.results).toEqual([]);

    const second = await run(
      request(xr, { required: { domain: [salesDomain] } }),
    );
    expect(second.results.map(r => r.severity)).toEqual([
      Severity.SEVERITY_NORMAL,
    ]);
    const dataset = second.desired?.resources['dataset-raw']?.resource as any;
    expect(dataset.spec.forProvider.project).toBe('acme-sales-data');
  });

  it('fails clearly, composing nothing, when the domain does not exist', async () => {
    const rsp = await run(
      request(product({ domain: 'sales' }), { required: { domain: [] } }),
    );
    expect(rsp.results).toEqual([
      expect.objectContaining({
        severity: Severity.SEVERITY_FATAL,
        message: expect.stringContaining('The domain "sales" does not exist'),
      }),
    ]);
    expect(rsp.desired?.resources).toEqual({});
  });

  it.each([
    [
      'missing owners',
      product({ access: { owners: [] } }),
      /Owners: Name between 1 and 50 owners/,
    ],
    [
      'an invalid email',
      product({ access: { owners: ['ana at example'] } }),
      /Owner email: Give each owner as an email address/,
    ],
    [
      'a name that cannot make valid ids',
      {
        ...product(),
        metadata: { name: 'Customer_Orders' },
        spec: {
          ...product().spec,
          info: { name: 'Customer_Orders', version: '0.1.0' },
        },
      },
      /product name "Customer_Orders" can only use lower-case letters/,
    ],
    ['no spec at all', { ...product(), spec: undefined }, /spec is missing/],
  ])(
    'returns a fatal result and no resources for %s',
    async (_why, xr, message) => {
      const rsp = await run(request(xr));
      expect(rsp.results).toHaveLength(1);
      expect(rsp.results[0].severity).toBe(Severity.SEVERITY_FATAL);
      expect(rsp.results[0].message).toMatch(message);
      expect(rsp.desired?.resources).toEqual({});
    },
  );

  it('tells the platform engineer which settings are missing', async () => {
    const rsp = await run(request(product(), { input: { platform: {} } }));
    expect(rsp.results[0]).toMatchObject({
      severity: Severity.SEVERITY_FATAL,
      message: expect.stringContaining('lack project and location'),
    });
  });

  it('takes platform settings from an EnvironmentConfig over the input', async () => {
    const rsp = await run(
      request(product(), {
        environment: { meshifi: { platform: { project: 'from-environment' } } },
      }),
    );
    const dataset = rsp.desired?.resources['dataset-raw']?.resource as any;
    expect(dataset.spec.forProvider).toMatchObject({
      project: 'from-environment',
      location: 'EU',
    });
  });

  it('composes the namespace of a domain', async () => {
    const rsp = await run(request(salesDomain));
    expect(rsp.desired?.resources.namespace?.resource).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'sales', labels: { 'meshifi.io/domain': 'sales' } },
    });
  });

  it('refuses a domain that cannot be a namespace', async () => {
    const rsp = await run(
      request({ ...salesDomain, metadata: { name: 'Sales Team' } }),
    );
    expect(rsp.results[0]).toMatchObject({
      severity: Severity.SEVERITY_FATAL,
      message: expect.stringContaining('domain name "Sales Team"'),
    });
  });

  it('refuses kinds it does not compose', async () => {
    const rsp = await run(
      request({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
    );
    expect(rsp.results[0].message).toBe(
      'This function composes DataProducts and DataDomains, not ConfigMap.',
    );
  });
});
