import { DataProduct } from '@meshifi/common';
import {
  domainYaml,
  ordersTable,
  portedProductYaml,
} from '../__testUtils__/gitopsFiles';
import { checkManifestFile, RepositoryManifest } from './checkFile';
import { checkRepository } from './checkRepository';

/** A file of the repository, read as validate reads it; it must be valid on its own. */
function manifest(path: string, content: string): RepositoryManifest {
  const checked = checkManifestFile(path, content);
  if (!checked.manifest) {
    throw new Error(`${path}: ${JSON.stringify(checked.problems)}`);
  }
  return checked.manifest;
}

const product = (
  name: string,
  options: Parameters<typeof portedProductYaml>[1] = {},
) =>
  manifest(
    `domains/${options.domain ?? 'sales'}/products/${name}.yaml`,
    portedProductYaml(name, options),
  );

const domains = ['sales', 'finance'].map(name =>
  manifest(`domains/${name}/domain.yaml`, domainYaml(name)),
);

const check = (
  products: RepositoryManifest[],
  base: RepositoryManifest[] = [],
) => {
  const files = [...domains, ...products];
  return checkRepository(
    files,
    new Set(files.map(m => m.path)),
    new Map(base.map(m => [m.path, m.manifest as DataProduct])),
  );
};

/** The line a text is on in a file's content. */
const lineOf = (m: RepositoryManifest, text: string) =>
  m.content.split('\n').findIndex(line => line.includes(text)) + 1;

describe('checkRepository: lineage', () => {
  it('finds nothing wrong with a product reading a table of another domain', () => {
    expect(
      check([
        product('customers', { domain: 'finance' }),
        product('orders', { reads: ['customers.orders'] }),
      ]),
    ).toEqual([]);
  });

  it('reports an input port to a missing product at its line', () => {
    const orders = product('orders', { reads: ['clients.orders'] });
    expect(check([orders])).toEqual([
      {
        file: 'domains/sales/products/orders.yaml',
        line: lineOf(orders, 'product: clients'),
        rule: 'lineage',
        message: expect.stringContaining('There is no data product "clients"'),
      },
    ]);
  });

  it('reports an input port to a table the product does not offer, with those it does', () => {
    const problems = check([
      product('customers', { domain: 'finance' }),
      product('orders', { reads: ['customers.people'] }),
    ]);
    expect(problems.map(p => [p.file, p.rule, p.message])).toEqual([
      [
        'domains/sales/products/orders.yaml',
        'lineage',
        '"customers" offers no table "people": it offers "orders".',
      ],
    ]);
  });

  it('reports a loop across domains in each of its files', () => {
    const problems = check([
      product('invoices', { domain: 'finance', reads: ['orders.orders'] }),
      product('orders', { reads: ['invoices.orders'] }),
    ]);
    expect(problems.map(p => [p.file, p.rule])).toEqual([
      ['domains/finance/products/invoices.yaml', 'lineage'],
      ['domains/sales/products/orders.yaml', 'lineage'],
    ]);
    expect(problems[1].message).toContain(
      '"orders" reads "invoices" reads "orders"',
    );
  });

  it('reports a retired product others read, in its file and theirs', () => {
    const problems = check([
      product('customers', { domain: 'finance', spec: { status: 'retired' } }),
      product('orders', { reads: ['customers.orders'] }),
    ]);
    expect(problems.map(p => [p.file, p.message])).toEqual([
      [
        'domains/finance/products/customers.yaml',
        expect.stringContaining('cannot be retired while "orders"'),
      ],
      [
        'domains/sales/products/orders.yaml',
        expect.stringContaining('"customers" is retired'),
      ],
    ]);
  });

  it('reports a replacement that does not exist', () => {
    const problems = check([
      product('customers', {
        spec: {
          status: 'deprecated',
          deprecation: { date: '2027-06-30', replacedBy: 'clients' },
        },
      }),
    ]);
    expect(problems.map(p => p.message)).toEqual([
      expect.stringContaining('There is no data product "clients"'),
    ]);
  });
});

describe('checkRepository: the version rule against the base', () => {
  const before = product('customers');
  const withoutAmount = () => {
    const port = ordersTable();
    port.contract.columns.pop();
    return port;
  };

  it('reports a breaking change without a new major version at the version', () => {
    const after = product('customers', {
      version: '1.1.0',
      ports: [withoutAmount()],
    });
    expect(check([after], [before])).toEqual([
      {
        file: 'domains/sales/products/customers.yaml',
        line: lineOf(after, 'version: 1.1.0'),
        rule: 'version-rule',
        message: expect.stringContaining('raise the version to 2.0.0'),
      },
    ]);
  });

  it('accepts it with a new major version, and a change that breaks no one', () => {
    const added = ordersTable();
    added.contract.columns.push({ name: 'note', type: 'STRING' });
    expect(
      check(
        [product('customers', { version: '2.0.0', ports: [withoutAmount()] })],
        [before],
      ),
    ).toEqual([]);
    expect(check([product('customers', { ports: [added] })], [before])).toEqual(
      [],
    );
  });

  it('holds a new product, or one without a base, to no version', () => {
    expect(
      check([product('customers', { version: '0.1.0', ports: [] })]),
    ).toEqual([]);
  });
});
