import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { createDataProductAction } from './createDataProduct';

const config = new ConfigReader({
  meshifi: { platform: { project: 'meshifi-demo', location: 'EU' } },
});

const org: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sales-analytics' },
    spec: {
      type: 'team',
      profile: { email: 'sales-analytics@example.com' },
      children: [],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'no-mail', title: 'The quiet team' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ana' },
    spec: { profile: { email: 'Ana@Example.com' }, memberOf: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'sales',
      annotations: { 'meshifi.io/gcp-project': 'acme-sales-data' },
    },
    spec: { owner: 'group:default/sales-analytics' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'legacy' },
    spec: { owner: 'group:default/sales-analytics' },
  },
];

const settings = { allowedProjects: [], allowedEmailDomains: ['partner.org'] };

const actionFor = (result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) =>
  createDataProductAction({
    catalog: catalogServiceMock({ entities: org }),
    permissions: mockServices.permissions({ result }),
    settings,
    config,
  });

describe('meshifi:dataproduct:create', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  const run = (
    input: Record<string, unknown>,
    action = actionFor(AuthorizeResult.ALLOW),
  ) => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        name: 'customer-orders',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics', 'user:default/ana'],
        version: '0.1.0',
        ...input,
      } as any,
    });
    return { ctx, done: action.handler(ctx) };
  };

  it('writes the manifest at its GitOps path, with the owners as IAM grants them and the Backstage owner', async () => {
    const { ctx, done } = run({ title: 'Customer orders', location: 'US' });
    await done;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'dataproduct:default/customer-orders',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'filePath',
      'domains/sales/products/customer-orders.yaml',
    );
    const written = parse(
      (workspace.content() as any).domains.sales.products[
        'customer-orders.yaml'
      ],
    );
    expect(written).toEqual({
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: {
        name: 'customer-orders',
        namespace: 'sales',
        labels: { 'meshifi.io/data-product': 'customer-orders' },
        annotations: { 'meshifi.io/owner': 'group:default/sales-analytics' },
      },
      spec: {
        info: {
          name: 'customer-orders',
          version: '0.1.0',
          title: 'Customer orders',
        },
        access: {
          owners: ['group:sales-analytics@example.com', 'ana@example.com'],
        },
        domain: 'sales',
        location: 'US',
      },
    });
  });

  const outputOf = (ctx: { output: unknown }, name: string) =>
    (ctx.output as jest.Mock).mock.calls.find(c => c[0] === name)?.[1];

  it("lists what will be created, in words, in the domain's project", async () => {
    const { ctx, done } = run({});
    await done;
    const planned = outputOf(ctx, 'plannedResources');
    // 3 datasets, the service account, 3 dataset writers, job user, 2 owners.
    expect(planned).toHaveLength(10);
    expect(planned).toContain(
      'BigQuery dataset customer_orders_raw (raw layer) in EU, project acme-sales-data',
    );
    expect(planned).toContain(
      'ana@example.com may act as dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
    expect(outputOf(ctx, 'project')).toBe('acme-sales-data');
    expect(outputOf(ctx, 'serviceAccountEmail')).toBe(
      'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
  });

  it('places a product whose domain names no project in the platform project, and says so', async () => {
    const { ctx, done } = run({ domain: 'domain:default/legacy' });
    // The warning comes after the catalog's answers, so spying now sees it.
    const warn = jest.spyOn(ctx.logger, 'warn');
    await done;
    expect(outputOf(ctx, 'project')).toBe('meshifi-demo');
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The domain "legacy" names no Google Cloud project .* platform's project meshifi-demo/,
      ),
    );
  });

  it("refuses someone outside the domain's team, naming the team, and writes nothing", async () => {
    await expect(run({}, actionFor(AuthorizeResult.DENY)).done).rejects.toThrow(
      'You are not in the sales-analytics team, which owns the domain "sales": only its members create data products there. Ask someone in sales-analytics to add you to the team (group:default/sales-analytics)',
    );
    expect(workspace.content()).toEqual({});
  });

  it('refuses a domain the catalog does not have', async () => {
    await expect(
      run({ domain: 'domain:default/finance' }).done,
    ).rejects.toThrow(
      'The domain "finance" does not exist: pick one from the list',
    );
    expect(workspace.content()).toEqual({});
  });

  it('refuses an email that is not in the catalog, unless its domain is allowed', async () => {
    await expect(
      run({ owners: ['user:default/ana', 'eve@evil.example'] }).done,
    ).rejects.toThrow(
      "eve@evil.example is not a user in the catalog, and meshifi gives access only to the catalog's users and groups",
    );
    expect(workspace.content()).toEqual({});
    await run({ owners: ['user:default/ana', 'bo@partner.org'] }).done;
    const written = parse(
      (workspace.content() as any).domains.sales.products[
        'customer-orders.yaml'
      ],
    );
    expect(written.spec.access.owners).toEqual([
      'ana@example.com',
      'bo@partner.org',
    ]);
  });

  it('grants a group as a group, and says so', async () => {
    const { ctx, done } = run({ owners: ['group:default/sales-analytics'] });
    await done;
    const planned = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'plannedResources',
    )[1];
    expect(planned).toContain(
      'the group sales-analytics@example.com may act as dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
  });

  it('refuses a group without an email, saying what to do', async () => {
    await expect(
      run({ owners: ['group:default/no-mail'] }).done,
    ).rejects.toThrow(
      'The group The quiet team has no email address in the catalog, so it cannot be given access: pick its members instead',
    );
  });

  it('refuses owners that are not in the catalog', async () => {
    await expect(run({ owners: ['user:default/ghost'] }).done).rejects.toThrow(
      'user:default/ghost is not in the catalog',
    );
  });

  it.each([
    ['../../etc', /can only use lower-case letters/],
    ['orders\nkind: Secret', /can only use lower-case letters/],
    ['ordérs', /can only use lower-case letters/],
    ['ab', /too short/],
  ])('refuses the name %p before building any path', async (name, message) => {
    await expect(run({ name }).done).rejects.toThrow(message);
    expect(workspace.content()).toEqual({});
  });

  it('keeps hostile text as text in the manifest', async () => {
    const description =
      'a: b\n---\nkind: Secret\nmetadata: {name: x}\n${{ secrets.token }}';
    const { done } = run({ description, title: '"]; drop' });
    await done;
    const written = parse(
      (workspace.content() as any).domains.sales.products[
        'customer-orders.yaml'
      ],
    );
    expect(written.spec.info.description).toBe(description);
    expect(written.spec.info.title).toBe('"]; drop');
    expect(written.kind).toBe('DataProduct');
  });

  it('explains every invalid answer at once', async () => {
    await expect(
      run({ version: 'one', location: 'Mars' }).done,
    ).rejects.toThrow(
      'Version: Use a semantic version: three numbers separated by dots, such as 0.1.0 or 1.2.3. Dataset location: Use US, EU or a Google Cloud region such as europe-west2.',
    );
  });
});
