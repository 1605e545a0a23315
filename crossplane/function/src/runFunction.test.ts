import {
  fromCompose,
  Ready,
  RunFunctionRequest,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import {
  dataDomainManifest,
  dataProductManifest,
  GCP_KINDS,
  RESERVED_NAMESPACES,
  resourceNames,
} from '@meshifi/common';
import { runFunction } from './runFunction';
import {
  functionRequest,
  FunctionRequestOptions,
} from './__testUtils__/functionRequest';

const platformInput = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'Input',
  platform: { project: 'meshifi-platform', location: 'EU' },
};

const salesDomain = dataDomainManifest('sales', {
  owner: 'group:default/sales-analytics',
  gcpProject: 'acme-sales-data',
});

/** A namespace as Crossplane composes it for the DataDomain `domain`. */
const composedNamespace = (domain: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: domain,
    labels: { 'crossplane.io/composite': domain, 'meshifi.io/domain': domain },
  },
});

/** What Crossplane answers where Flux's GitRepository API does not exist. */
const withoutFlux = { 'flux-source-crd': [] };

/** A namespace someone made by hand. */
const plainNamespace = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
});

const request = (xr: unknown, options: Partial<FunctionRequestOptions> = {}) =>
  functionRequest(xr, { ...options, input: options.input ?? platformInput });

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
      acceptedVersion: '0.1.0',
      acceptedPorts: [],
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
      namespace: { apiVersion: 'v1', kind: 'Namespace', matchName: 'sales' },
    });
    expect(first.desired?.resources).toEqual({});
    expect(first.results).toEqual([]);

    const second = await run(
      request(xr, {
        required: {
          domain: [salesDomain],
          namespace: [composedNamespace('sales')],
        },
      }),
    );
    expect(second.results.map(r => r.severity)).toEqual([
      Severity.SEVERITY_NORMAL,
    ]);
    const dataset = second.desired?.resources['dataset-raw']?.resource as any;
    expect(dataset.spec.forProvider.project).toBe('acme-sales-data');
  });

  it('fails clearly, composing nothing, when the domain does not exist', async () => {
    const rsp = await run(
      request(product({ domain: 'sales' }), {
        required: { domain: [], namespace: [composedNamespace('sales')] },
      }),
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
    const rsp = await run(
      request(salesDomain, { required: { namespace: [], ...withoutFlux } }),
    );
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

  describe('the domain of a product is its namespace', () => {
    const inNamespace = (namespace: string, spec: Record<string, unknown>) => {
      const xr = product(spec);
      return { ...xr, metadata: { ...xr.metadata, namespace } };
    };

    it('refuses a product whose spec.domain names another domain, without asking for that domain', async () => {
      const rsp = await run(
        request(inNamespace('sales', { domain: 'finance' }), {
          required: {
            domain: [
              dataDomainManifest('finance', {
                owner: 'group:default/finance',
                gcpProject: 'acme-finance',
              }),
            ],
            namespace: [composedNamespace('finance')],
          },
        }),
      );
      expect(rsp.requirements?.resources ?? {}).toEqual({});
      expect(rsp.results).toEqual([
        expect.objectContaining({
          severity: Severity.SEVERITY_FATAL,
          message: expect.stringContaining(
            'is in the namespace "sales", so it belongs to the domain "sales", but its spec.domain is "finance"',
          ),
        }),
      ]);
      expect(rsp.results[0].message).toContain('spec.domain "sales"');
      expect(rsp.desired?.resources).toEqual({});
    });

    it('refuses a product outside the default namespace without a domain', async () => {
      const rsp = await run(request(inNamespace('sales', {})));
      expect(rsp.requirements?.resources ?? {}).toEqual({});
      expect(rsp.results[0]).toMatchObject({
        severity: Severity.SEVERITY_FATAL,
        message: expect.stringContaining(
          'is in the namespace "sales", so it belongs to the domain "sales", but it has no spec.domain',
        ),
      });
      expect(rsp.desired?.resources).toEqual({});
    });

    it('refuses a product in the default namespace that names a domain', async () => {
      const rsp = await run(
        request(inNamespace('default', { domain: 'sales' })),
      );
      expect(rsp.requirements?.resources ?? {}).toEqual({});
      expect(rsp.results[0]).toMatchObject({
        severity: Severity.SEVERITY_FATAL,
        message: expect.stringContaining(
          'is in the namespace "default", which belongs to no domain',
        ),
      });
      expect(rsp.desired?.resources).toEqual({});
    });

    it('composes a product in the default namespace without a domain in the platform project', async () => {
      const rsp = await run(request(inNamespace('default', {})));
      expect(rsp.results.map(r => r.severity)).toEqual([
        Severity.SEVERITY_NORMAL,
      ]);
      const dataset = rsp.desired?.resources['dataset-raw']?.resource as any;
      expect(dataset.spec.forProvider.project).toBe('meshifi-platform');
    });

    it('refuses a product whose namespace the domain did not compose', async () => {
      const rsp = await run(
        request(product({ domain: 'sales' }), {
          required: {
            domain: [salesDomain],
            namespace: [plainNamespace('sales')],
          },
        }),
      );
      expect(rsp.results[0]).toMatchObject({
        severity: Severity.SEVERITY_FATAL,
        message: expect.stringContaining(
          'The namespace "sales" is not the one the domain "sales" composed',
        ),
      });
      expect(rsp.desired?.resources).toEqual({});
    });
  });

  describe('protection of the domain while a product exists', () => {
    const composedWithDomain = () =>
      run(
        request(product({ domain: 'sales' }), {
          required: {
            domain: [salesDomain],
            namespace: [composedNamespace('sales')],
          },
        }),
      );

    it('composes Usages of the domain and its namespace by the product, marked ready', async () => {
      const rsp = await composedWithDomain();
      const account = resourceNames.serviceAccount('customer-orders');
      const by = {
        apiVersion: GCP_KINDS.serviceAccount.apiVersion,
        kind: GCP_KINDS.serviceAccount.kind,
        resourceRef: { name: account },
      };
      expect(
        (rsp.desired?.resources['service-account']?.resource as any).metadata
          .name,
      ).toBe(account);
      expect(rsp.desired?.resources['usage-domain']).toMatchObject({
        ready: Ready.READY_TRUE,
        resource: {
          apiVersion: 'protection.crossplane.io/v1beta1',
          kind: 'Usage',
          metadata: { name: 'customer-orders-uses-domain' },
          spec: {
            of: {
              apiVersion: 'meshifi.io/v1alpha1',
              kind: 'DataDomain',
              resourceRef: { name: 'sales', namespace: '' },
            },
            by,
            reason: expect.stringContaining('delete the product first'),
          },
        },
      });
      expect(rsp.desired?.resources['usage-namespace']).toMatchObject({
        ready: Ready.READY_TRUE,
        resource: {
          kind: 'Usage',
          spec: {
            of: {
              apiVersion: 'v1',
              kind: 'Namespace',
              resourceRef: { name: 'sales', namespace: '' },
            },
            by,
          },
        },
      });
    });

    it('composes no Usage for a product without a domain', async () => {
      const rsp = await run(request(product()));
      expect(kindsOf(rsp)).not.toContain('Usage');
    });
  });

  describe('the namespace of a domain', () => {
    it('asks Crossplane whether the namespace exists before composing it', async () => {
      const rsp = await run(request(salesDomain));
      expect(rsp.requirements?.resources).toEqual({
        namespace: { apiVersion: 'v1', kind: 'Namespace', matchName: 'sales' },
        'flux-source-crd': {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          matchName: 'gitrepositories.source.toolkit.fluxcd.io',
        },
      });
      expect(rsp.desired?.resources).toEqual({});
      expect(rsp.results).toEqual([]);
    });

    it('keeps composing the namespace it composed before', async () => {
      const rsp = await run(
        request(salesDomain, {
          required: { namespace: [composedNamespace('sales')], ...withoutFlux },
        }),
      );
      expect(rsp.results.map(r => r.severity)).toEqual([
        Severity.SEVERITY_NORMAL,
      ]);
      expect(rsp.desired?.resources.namespace?.resource).toMatchObject({
        kind: 'Namespace',
        metadata: { name: 'sales' },
      });
    });

    it.each([
      ['made by hand', plainNamespace('sales')],
      [
        "labelled as the domain's but not composed",
        {
          ...plainNamespace('sales'),
          metadata: { name: 'sales', labels: { 'meshifi.io/domain': 'sales' } },
        },
      ],
      [
        'composed by another XR',
        {
          ...plainNamespace('sales'),
          metadata: {
            name: 'sales',
            labels: { 'crossplane.io/composite': 'something-else' },
          },
        },
      ],
    ])('refuses to take over a namespace %s', async (_why, existing) => {
      const rsp = await run(
        request(salesDomain, {
          required: { namespace: [existing], ...withoutFlux },
        }),
      );
      expect(rsp.results).toEqual([
        expect.objectContaining({
          severity: Severity.SEVERITY_FATAL,
          message: expect.stringContaining(
            'The namespace "sales" already exists and belongs to something else: pick another domain name',
          ),
        }),
      ]);
      expect(rsp.desired?.resources).toEqual({});
    });

    it.each(RESERVED_NAMESPACES.map(name => [name]))(
      'refuses the reserved name %s without looking anything up',
      async name => {
        const rsp = await run(
          request(
            dataDomainManifest(name, {
              owner: 'group:default/platform',
              gcpProject: 'acme-platform',
            }),
          ),
        );
        expect(rsp.requirements?.resources ?? {}).toEqual({});
        expect(rsp.results).toEqual([
          expect.objectContaining({
            severity: Severity.SEVERITY_FATAL,
            message: expect.stringContaining(`"${name}" is reserved`),
          }),
        ]);
        expect(rsp.desired?.resources).toEqual({});
      },
    );
  });

  describe('the products of a domain under Flux', () => {
    const fluxCrd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gitrepositories.source.toolkit.fluxcd.io' },
    };
    /** The GitRepository deploy/flux marks, as the platform team set it. */
    const markedSource = (
      name = 'meshifi-products',
      namespace = 'flux-system',
    ) => ({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: {
        name,
        namespace,
        labels: { 'meshifi.io/products-source': 'true' },
      },
      spec: {
        interval: '30s',
        url: 'https://git.example.com/acme/gitops.git',
        ref: { branch: 'main' },
        secretRef: { name: 'meshifi-gitops-auth' },
        ignore: '/*\n!/products/\n',
        suspend: true,
      },
    });
    const withFlux = (sources: unknown[], namespace: unknown[]) =>
      run(
        request(salesDomain, {
          required: {
            namespace,
            'flux-source-crd': [fluxCrd],
            'products-source': sources,
          },
        }),
      );

    it('asks for the marked source, in every namespace, only once Flux is known to exist', async () => {
      const rsp = await run(
        request(salesDomain, {
          required: { namespace: [], 'flux-source-crd': [fluxCrd] },
        }),
      );
      expect(rsp.requirements?.resources?.['products-source']).toEqual({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        matchLabels: { labels: { 'meshifi.io/products-source': 'true' } },
      });
      expect(rsp.desired?.resources).toEqual({});

      const without = await run(
        request(salesDomain, { required: { namespace: [], ...withoutFlux } }),
      );
      expect(Object.keys(without.requirements?.resources ?? {})).toEqual([
        'namespace',
        'flux-source-crd',
      ]);
      expect(Object.keys(without.desired?.resources ?? {})).toEqual([
        'namespace',
      ]);
    });

    it('composes nothing for Flux before the namespace exists', async () => {
      const rsp = await withFlux([markedSource()], []);
      expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(['namespace']);
    });

    it("composes the domain's own source and a Kustomization that applies it into the namespace, marked ready", async () => {
      const rsp = await withFlux(
        [markedSource()],
        [composedNamespace('sales')],
      );
      expect(rsp.results.map(r => r.severity)).toEqual([
        Severity.SEVERITY_NORMAL,
      ]);
      const source = rsp.desired?.resources['products-source'];
      const applier = rsp.desired?.resources['products-applier'];
      expect(source?.ready).toBe(Ready.READY_TRUE);
      expect(applier?.ready).toBe(Ready.READY_TRUE);
      const labels = {
        'app.kubernetes.io/part-of': 'meshifi',
        'meshifi.io/products-of': 'sales',
      };
      expect(source?.resource).toEqual({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: {
          name: 'meshifi-products-sales',
          namespace: 'flux-system',
          labels,
        },
        spec: {
          interval: '30s',
          url: 'https://git.example.com/acme/gitops.git',
          ref: { branch: 'main' },
          secretRef: { name: 'meshifi-gitops-auth' },
          ignore: expect.stringContaining('!/domains/sales/products/*.yaml'),
        },
      });
      expect(applier?.resource).toMatchObject({
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: {
          name: 'meshifi-products-sales',
          namespace: 'flux-system',
          labels,
        },
        spec: {
          sourceRef: { kind: 'GitRepository', name: 'meshifi-products-sales' },
          path: './',
          targetNamespace: 'sales',
          serviceAccountName: 'meshifi-gitops',
          prune: true,
          deletionPolicy: 'Orphan',
          retryInterval: '30s',
        },
      });
    });

    it('composes nothing for Flux where no source is marked', async () => {
      const rsp = await withFlux([], [composedNamespace('sales')]);
      expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(['namespace']);
      expect(rsp.results.map(r => r.severity)).toEqual([
        Severity.SEVERITY_NORMAL,
      ]);
    });

    it('warns, naming them, and composes nothing for Flux when several sources are marked', async () => {
      const rsp = await withFlux(
        [markedSource(), markedSource('other', 'team-a')],
        [composedNamespace('sales')],
      );
      expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(['namespace']);
      expect(rsp.results).toContainEqual(
        expect.objectContaining({
          severity: Severity.SEVERITY_WARNING,
          message: expect.stringContaining(
            'flux-system/meshifi-products, team-a/other',
          ),
        }),
      );
    });
  });

  it('refuses kinds it does not compose', async () => {
    const rsp = await run(
      request({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
    );
    expect(rsp.results[0].message).toBe(
      'This function composes DataProducts, DataDomains and DataAccesses, not ConfigMap.',
    );
  });
});
