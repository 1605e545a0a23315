import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DataProductPlanRequest } from '@meshifi/common';
import { CatalogPlanResolver } from './CatalogPlanResolver';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'sales',
      annotations: { 'meshifi.io/gcp-project': 'acme-sales-data' },
    },
    spec: { owner: 'group:default/sales-analytics', type: 'data-domain' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'legacy' },
    spec: { owner: 'group:default/sales-analytics' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sales-analytics' },
    spec: {
      type: 'team',
      profile: { email: 'Sales-Analytics@example.com' },
      children: [],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'quiet', title: 'The quiet team' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ana' },
    spec: { profile: { email: 'ana@example.com' }, memberOf: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'customer-orders.orders',
      annotations: {
        'meshifi.io/data-product': 'customer-orders',
        'meshifi.io/output-port': 'orders',
      },
    },
    spec: {
      type: 'data-contract',
      lifecycle: 'production',
      owner: 'x',
      definition: '',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'weather' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'x',
      definition: '',
    },
  },
];

const resolver = new CatalogPlanResolver({
  catalog: catalogServiceMock({ entities }),
  platform: { project: 'meshifi-platform', location: 'EU' },
});

const plan = (request: Partial<DataProductPlanRequest>) =>
  resolver.plan(
    {
      name: 'customer-orders',
      domain: 'domain:default/sales',
      owners: ['user:default/ana', 'group:default/sales-analytics'],
      ...request,
    },
    { credentials: mockCredentials.user('user:default/ana') },
  );

describe('CatalogPlanResolver', () => {
  it("places the product in the domain entity's project, owners by their catalog email", async () => {
    const { plan: result, domainEntity, backstageOwner } = await plan({});
    expect(result.problems).toEqual([]);
    expect(result.project).toBe('acme-sales-data');
    expect(result.serviceAccountEmail).toBe(
      'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
    expect(result.manifest.spec.access.owners).toEqual([
      'ana@example.com',
      'group:sales-analytics@example.com',
    ]);
    expect(
      result.resources
        .filter(r => r.role === 'owner-impersonation')
        .map(r => (r.resource.spec as any).forProvider.member),
    ).toEqual(['user:ana@example.com', 'group:sales-analytics@example.com']);
    expect(domainEntity?.metadata.name).toBe('sales');
    expect(backstageOwner).toBe('group:default/sales-analytics');
  });

  it('takes a bare domain name and short owner refs, and emails as they are', async () => {
    const { plan: result, backstageOwner } = await plan({
      domain: 'sales',
      owners: ['ana', 'Bo@Partner.org'],
    });
    expect(result.project).toBe('acme-sales-data');
    expect(result.manifest.spec.access.owners).toEqual([
      'ana@example.com',
      'bo@partner.org',
    ]);
    expect(backstageOwner).toBe('user:default/ana');
  });

  it('says which owners the catalog cannot give an email for', async () => {
    const { plan: result } = await plan({
      owners: [
        'user:default/ana',
        'user:default/ghost',
        'group:default/quiet',
        'component:default/service',
        'a:b:c/d/e',
      ],
    });
    expect(result.problems.map(p => p.message)).toEqual([
      'user:default/ghost is not in the catalog: pick owners from the list.',
      "The group The quiet team has no email address in the catalog, so it cannot be given access: pick its members instead, or ask the platform team to add the group's email.",
      '"component:default/service" is neither a user or group of the catalog nor an email address: pick the owners from the list.',
      '"a:b:c/d/e" is neither a user or group of the catalog nor an email address: pick the owners from the list.',
    ]);
    expect(result.resources).toEqual([]);
  });

  it('uses the platform project for a domain entity without a project, and says so', async () => {
    const { plan: result } = await plan({ domain: 'domain:default/legacy' });
    expect(result.project).toBe('meshifi-platform');
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(
          /^The domain "legacy" names no Google Cloud project/,
        ),
      }),
    ]);
  });

  it('refuses a domain the catalog does not have, and does not look up invalid names', async () => {
    const catalog = catalogServiceMock({ entities });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const spying = new CatalogPlanResolver({
      catalog,
      platform: { project: 'meshifi-platform', location: 'EU' },
    });
    const credentials = mockCredentials.user();
    const missing = await spying.plan(
      { name: 'orders', domain: 'finance', owners: ['ana'] },
      { credentials },
    );
    expect(missing.plan.problems.map(p => p.message)).toEqual([
      'The domain "finance" does not exist: pick one from the list, or ask the platform team to create it.',
    ]);
    expect(missing.domainEntity).toBeUndefined();
    lookups.mockClear();
    const hostile = await spying.plan(
      { name: 'orders', domain: 'domain:default/../finance', owners: ['ana'] },
      { credentials },
    );
    expect(lookups).not.toHaveBeenCalled();
    expect(hostile.plan.problems.map(p => p.path)).toEqual(['spec.domain']);
  });

  it("reads the catalog with the caller's credentials", async () => {
    const catalog = catalogServiceMock({ entities });
    const byRef = jest.spyOn(catalog, 'getEntityByRef');
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const credentials = mockCredentials.user('user:default/someone');
    await new CatalogPlanResolver({
      catalog,
      platform: { project: 'meshifi-platform', location: 'EU' },
    }).plan(
      { name: 'orders', domain: 'sales', owners: ['ana'] },
      { credentials },
    );
    expect(byRef).toHaveBeenCalledWith(expect.anything(), { credentials });
    expect(byRefs).toHaveBeenCalledWith(expect.anything(), { credentials });
  });
});

describe('CatalogPlanResolver: the tables read', () => {
  it('reads picked tables back to their product and table through the API entities', async () => {
    const { plan: result } = await plan({
      name: 'revenue-daily',
      inputPorts: ['api:default/customer-orders.orders'],
    });
    expect(result.problems).toEqual([]);
    expect(result.manifest.spec.inputPorts).toEqual([
      { product: 'customer-orders', port: 'orders' },
    ]);
  });

  it('refuses a pick that is no data product table, missing, or not a ref', async () => {
    const { plan: result } = await plan({
      name: 'revenue-daily',
      inputPorts: ['api:default/weather', 'api:default/gone', ':::'],
    });
    expect(result.problems.map(p => p.message)).toEqual([
      'api:default/weather is not a table of a data product in the catalog: pick the tables your product reads from the list.',
      'api:default/gone is not a table of a data product in the catalog: pick the tables your product reads from the list.',
      '::: is not a table of a data product in the catalog: pick the tables your product reads from the list.',
    ]);
    expect(result.resources).toEqual([]);
  });
});

describe('CatalogPlanResolver.planManifest', () => {
  it("places a written product in its domain entity's project, its owners as written", async () => {
    const { plan: written } = await resolver.planManifest(
      {
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'revenue', namespace: 'sales' },
        spec: {
          info: { name: 'revenue', version: '1.0.0' },
          access: { owners: ['ana@example.com', 'group:finance@example.com'] },
          domain: 'sales',
        },
      },
      { credentials: mockCredentials.user() },
    );
    expect(written.problems).toEqual([]);
    expect(written.project).toBe('acme-sales-data');
    expect(
      written.resources
        .filter(r => r.role === 'owner-impersonation')
        .map(r => (r.resource.spec as any).forProvider.member),
    ).toEqual(['user:ana@example.com', 'group:finance@example.com']);
  });
});

describe('CatalogPlanResolver.planManifest with capabilities', () => {
  it("plans a written product's capabilities as the pipeline composes them, for the pending list", async () => {
    const { plan: written } = await resolver.planManifest(
      {
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'revenue', namespace: 'sales' },
        spec: {
          info: { name: 'revenue', version: '1.0.0' },
          access: { owners: ['ana@example.com'] },
          domain: 'sales',
          capabilities: {
            dbt: {
              repository: 'https://github.com/acme/revenue-dbt.git',
              schedule: '0 6 * * *',
            },
          },
        },
      },
      { credentials: mockCredentials.user() },
    );
    expect(written.problems).toEqual([]);
    expect(written.manifest.spec.capabilities).toEqual({
      dbt: {
        repository: 'https://github.com/acme/revenue-dbt.git',
        schedule: '0 6 * * *',
      },
    });
    const dbt = written.resources.filter(
      r => r.resource.metadata.labels?.['meshifi.io/capability'] === 'dbt',
    );
    expect(dbt.map(r => r.key)).toEqual(
      expect.arrayContaining(['dbt-service-account', 'dbt-schedule']),
    );
    // In the domain's project, as the core's resources.
    expect(JSON.stringify(dbt)).toContain('acme-sales-data');
  });
});

describe('CatalogPlanResolver: the owners picked', () => {
  const withOrg = (extra: Entity[] = []) => {
    const catalog = catalogServiceMock({ entities: [...entities, ...extra] });
    return {
      catalog,
      planner: new CatalogPlanResolver({
        catalog,
        platform: { project: 'meshifi-platform', location: 'EU' },
      }),
    };
  };
  const ownersOf = (planner: CatalogPlanResolver, owners: string[]) =>
    planner.plan(
      { name: 'customer-orders', domain: 'sales', owners },
      { credentials: mockCredentials.user() },
    );

  it('refuses a person without an email, saying whom to ask', async () => {
    const { planner } = withOrg([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'carla', title: 'Carla Mendes' },
        spec: { profile: {}, memberOf: [] },
      },
    ]);
    const { plan: result } = await ownersOf(planner, ['user:default/carla']);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        path: 'spec.access.owners',
        message:
          'Carla Mendes has no email address in the catalog, so they cannot be given access: ask the platform team to add it.',
      },
    ]);
  });

  it('gives no Backstage owner for emails alone, and does not ask the catalog about them', async () => {
    const { catalog, planner } = withOrg();
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const { plan: result, backstageOwner } = await ownersOf(planner, [
      'Ana@Example.com',
    ]);
    expect(backstageOwner).toBeUndefined();
    expect(byRefs).not.toHaveBeenCalled();
    expect(result.manifest.spec.access.owners).toEqual(['ana@example.com']);
  });

  it('makes the first user the catalog has the Backstage owner when no group is picked, and lists an owner once', async () => {
    const { planner } = withOrg();
    const { plan: result, backstageOwner } = await ownersOf(planner, [
      'user:default/ghost',
      'user:default/ana',
      'ana@example.com',
      'ana',
    ]);
    expect(backstageOwner).toBe('user:default/ana');
    expect(result.manifest.spec.access.owners).toEqual(['ana@example.com']);
    expect(result.problems.map(p => p.message)).toEqual([
      'user:default/ghost is not in the catalog: pick owners from the list.',
    ]);
  });

  it('lets a failing catalog fail the plan, rather than plan without owners', async () => {
    const { catalog, planner } = withOrg();
    jest
      .spyOn(catalog, 'getEntitiesByRefs')
      .mockRejectedValue(new Error('catalog unavailable'));
    await expect(ownersOf(planner, ['user:default/ana'])).rejects.toThrow(
      'catalog unavailable',
    );
  });
});
