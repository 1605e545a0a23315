import {
  compose,
  dataAccessManifest,
  dataDomainManifest,
  dataProductManifest,
  DataProduct,
  datasetId,
  gitopsPath,
  PlatformConfig,
} from '@meshifi/common';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { domainFilePath } from './composeProductFile';
import { planChange } from './planChange';
import { EMPTY_SNAPSHOT, RepositorySnapshot } from './repositorySnapshot';

const platform: PlatformConfig = {
  project: 'platform-project',
  location: 'EU',
};

const snapshot = (
  files: Record<string, string>,
  unreadable: Record<string, string> = {},
): RepositorySnapshot => ({
  files: new Map(Object.entries(files)),
  unreadable: new Map(Object.entries(unreadable)),
});

const domainFile = (name: string, gcpProject: string) => ({
  [domainFilePath(name)]: stringify(
    dataDomainManifest(name, { owner: 'group:default/team', gcpProject }),
  ),
});

const productFile = (product: DataProduct) => ({
  [gitopsPath(product)]: stringify(product),
});

const product = (overrides: Partial<DataProduct['spec']> = {}) =>
  dataProductManifest({
    info: { name: 'orders', version: '1.0.0', title: 'Orders' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    ...overrides,
  });

const names = fc
  .stringMatching(/^[a-z][-a-z0-9]{1,20}[a-z0-9]$/)
  .filter(name => !name.includes('--'));
const emails = fc
  .tuple(
    fc.stringMatching(/^[a-z]{1,8}$/),
    fc.constantFrom('example.com', 'acme.io'),
  )
  .map(([user, host]) => `${user}@${host}`);

/** A product valid for the model, in a domain or in none. */
const products = fc
  .record({
    name: names,
    owners: fc.uniqueArray(emails, { minLength: 1, maxLength: 4 }),
    title: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    domain: fc.option(fc.constantFrom('sales', 'finance'), { nil: undefined }),
    location: fc.option(fc.constantFrom('EU', 'US'), { nil: undefined }),
  })
  .map(p =>
    dataProductManifest({
      info: {
        name: p.name,
        version: '0.1.0',
        ...(p.title ? { title: p.title } : {}),
      },
      access: { owners: p.owners },
      ...(p.domain ? { domain: p.domain } : {}),
      ...(p.location ? { location: p.location } : {}),
    }),
  );

const domains = {
  ...domainFile('sales', 'acme-sales'),
  ...domainFile('finance', 'acme-finance'),
};

describe('planChange', () => {
  it('plans nothing for a repository compared with itself', () => {
    fc.assert(
      fc.property(products, p => {
        const side = snapshot({ ...domains, ...productFile(p) });
        expect(planChange(side, side, platform)).toEqual({
          products: [],
          dataLoss: [],
          domains: [],
        });
      }),
    );
  });

  it("creates exactly what compose() gives for a new product, and deletes it back with its datasets' loss", () => {
    fc.assert(
      fc.property(products, p => {
        const before = snapshot(domains);
        const after = snapshot({ ...domains, ...productFile(p) });
        const domain = p.spec.domain
          ? dataDomainManifest(p.spec.domain, {
              owner: 'group:default/team',
              gcpProject:
                p.spec.domain === 'sales' ? 'acme-sales' : 'acme-finance',
            })
          : undefined;
        const composed = compose(p, platform, domain);
        const created = planChange(before, after, platform);
        expect(created.products).toHaveLength(1);
        expect(created.products[0].create.map(r => r.summary).sort()).toEqual(
          composed.map(c => c.summary).sort(),
        );
        expect(created.products[0]).toMatchObject({ change: [], delete: [] });
        expect(created.dataLoss).toEqual([]);

        const deleted = planChange(after, before, platform);
        expect(deleted.products[0].delete.map(r => r.name).sort()).toEqual(
          composed.map(c => c.resource.metadata.name).sort(),
        );
        expect(deleted.dataLoss.map(l => l.dataset).sort()).toEqual(
          ['raw', 'cleaned', 'curated']
            .map(layer => datasetId(p.spec.info.name, layer as 'raw'))
            .sort(),
        );
      }),
    );
  });

  it("replaces one owner's access with another's and keeps the rest", () => {
    const before = snapshot({ ...domains, ...productFile(product()) });
    const after = snapshot({
      ...domains,
      ...productFile(product({ access: { owners: ['bob@example.com'] } })),
    });
    const [plan] = planChange(before, after, platform).products;
    expect(plan.create.map(r => r.owner)).toEqual(['bob@example.com']);
    expect(plan.delete.map(r => r.owner)).toEqual(['ana@example.com']);
    expect(plan.change).toEqual([]);
  });

  it('says which field of which dataset a new title changes, in words', () => {
    const before = snapshot({ ...domains, ...productFile(product()) });
    const after = snapshot({
      ...domains,
      ...productFile(
        product({ info: { name: 'orders', version: '1.0.0', title: 'Shop' } }),
      ),
    });
    const [plan] = planChange(before, after, platform).products;
    expect(plan.change.map(c => c.externalName).sort()).toEqual(
      ['orders_cleaned', 'orders_curated', 'orders_raw'].sort(),
    );
    expect(plan.change[0].fields).toEqual([
      expect.objectContaining({
        words: 'display name',
        before: expect.stringContaining('Orders'),
        after: expect.stringContaining('Shop'),
      }),
    ]);
  });

  it("moves a product's resources when its domain changes project: the old datasets are data loss", () => {
    const before = snapshot({ ...domains, ...productFile(product()) });
    const after = snapshot({
      ...domains,
      ...domainFile('sales', 'acme-sales-new'),
      ...productFile(product()),
    });
    const plan = planChange(before, after, platform);
    expect(plan.domains).toEqual([
      { domain: 'sales', file: domainFilePath('sales'), action: 'change' },
    ]);
    expect(plan.dataLoss.map(l => l.project)).toEqual([
      'acme-sales',
      'acme-sales',
      'acme-sales',
    ]);
    expect(
      plan.products[0].create
        .filter(r => r.role === 'dataset')
        .map(r => r.project),
    ).toEqual(['acme-sales-new', 'acme-sales-new', 'acme-sales-new']);
  });

  it('refuses a new location as the platform does, and plans nothing of the product', () => {
    const before = snapshot({ ...domains, ...productFile(product()) });
    const after = snapshot({
      ...domains,
      ...productFile(product({ location: 'US' })),
    });
    const [plan] = planChange(before, after, platform).products;
    expect(plan).toMatchObject({ create: [], change: [], delete: [] });
    expect(plan.problems[0]).toContain('"US"');
    expect(plan.problems[0]).toContain('BigQuery cannot move a dataset');
  });

  it('plans no product of a grant file added beside a product', () => {
    const grant = dataAccessManifest('marketing-orders', 'sales', {
      product: 'orders',
      consumer: { type: 'group', email: 'marketing@example.com' },
      purpose: 'Weekly campaign reporting.',
      expires: '2027-03-31',
    });
    const before = snapshot({ ...domains, ...productFile(product()) });
    const after = snapshot({
      ...domains,
      ...productFile(product()),
      [gitopsPath(grant)]: stringify(grant),
    });
    expect(planChange(before, after, platform)).toEqual({
      products: [],
      dataLoss: [],
      domains: [],
    });
  });

  it('plans nothing of a product whose file is broken now, and says why', () => {
    const file = gitopsPath(product());
    const before = snapshot({ ...domains, ...productFile(product()) });
    const after = snapshot({ ...domains, [file]: 'spec: [unclosed' });
    const plan = planChange(before, after, platform);
    expect(plan.products[0]).toMatchObject({ file, create: [], delete: [] });
    expect(plan.products[0].problems[0]).toContain('is not valid YAML');
    expect(plan.dataLoss).toEqual([]);
  });

  it('shows everything as new when the base version was broken, and says so', () => {
    const file = gitopsPath(product());
    const before = snapshot(
      { ...domains },
      { [file]: 'it is not a plain file' },
    );
    const after = snapshot({ ...domains, ...productFile(product()) });
    const [plan] = planChange(before, after, platform).products;
    expect(plan.create).toHaveLength(compose(product(), platform).length);
    expect(plan.problems[0]).toContain('it is not a plain file');
  });

  it('composes nothing for a product whose domain has no file, and says so', () => {
    const after = snapshot(productFile(product()));
    const [plan] = planChange(EMPTY_SNAPSHOT, after, platform).products;
    expect(plan.create).toEqual([]);
    expect(plan.problems[0]).toContain(`(${domainFilePath('sales')})`);
  });

  it('never throws on any text in a product file', () => {
    const file = gitopsPath(product());
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), text => {
        const plan = planChange(
          snapshot(domains),
          snapshot({ ...domains, [file]: text }),
          platform,
        );
        expect(plan.dataLoss).toEqual([]);
      }),
    );
  });
});
