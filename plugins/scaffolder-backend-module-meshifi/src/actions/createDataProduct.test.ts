import { createMockDirectory } from '@backstage/backend-test-utils';
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
    apiVersion: 'catalog.meshifi.io/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'taken' },
    spec: { owner: 'group:default/finance' },
  },
];

describe('meshifi:dataproduct:create', () => {
  const workspace = createMockDirectory();
  const action = createDataProductAction({
    catalog: catalogServiceMock({ entities: org }),
    config,
  });
  beforeEach(() => workspace.clear());

  const run = (input: Record<string, unknown>) => {
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

  it('writes the manifest at its GitOps path, with IAM emails and the Backstage owner', async () => {
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
        access: { owners: ['sales-analytics@example.com', 'ana@example.com'] },
        domain: 'sales',
        location: 'US',
      },
    });
  });

  it('lists what will be created, in words', async () => {
    const { ctx, done } = run({});
    await done;
    const planned = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'plannedResources',
    )[1];
    // 3 datasets, the service account, 3 dataset writers, job user, 2 owners.
    expect(planned).toHaveLength(10);
    expect(planned).toContain(
      'BigQuery dataset customer_orders_raw (raw layer) in EU, project meshifi-demo',
    );
    expect(planned).toContain(
      'ana@example.com may act as dp-customer-orders@meshifi-demo.iam.gserviceaccount.com',
    );
  });

  it('refuses a name that is taken, naming its owner, and writes nothing', async () => {
    await expect(run({ name: 'taken' }).done).rejects.toThrow(
      'A data product named "taken" already exists, owned by group:default/finance.',
    );
    expect(workspace.content()).toEqual({});
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
