import { dataProductManifest } from '@meshifi/common';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  domainYaml,
  grantYaml,
  productYaml,
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

const product = (name: string, domain: string) =>
  manifest(
    `domains/${domain}/products/${name}.yaml`,
    productYaml(name, domain),
  );
const grant = (name: string, productName: string, namespace = 'sales') =>
  manifest(
    namespace === 'default'
      ? `access/${name}.yaml`
      : `domains/${namespace}/access/${name}.yaml`,
    grantYaml(name, productName, namespace),
  );
const domain = (name: string, project?: string) =>
  manifest(`domains/${name}/domain.yaml`, domainYaml(name, project));

const pathsOf = (manifests: RepositoryManifest[]) =>
  new Set(manifests.map(m => m.path));

/** The line a text is on in a file's content. */
const lineOf = (m: RepositoryManifest, text: string) =>
  m.content.split('\n').indexOf(text) + 1;

describe('checkRepository', () => {
  it('finds nothing wrong with domains and their products', () => {
    const files = [
      domain('sales'),
      domain('finance'),
      product('orders', 'sales'),
      product('invoices', 'finance'),
    ];
    expect(checkRepository(files, pathsOf(files))).toEqual([]);
  });

  it('finds nothing wrong with grants on products of their domain, or of no domain', () => {
    const files = [
      domain('sales'),
      product('orders', 'sales'),
      grant('marketing-orders', 'orders'),
      manifest(
        'products/legacy.yaml',
        stringify(
          dataProductManifest({
            info: { name: 'legacy', version: '1.0.0' },
            access: { owners: ['ana@example.com'] },
          }),
        ),
      ),
      grant('marketing-legacy', 'legacy', 'default'),
    ];
    expect(checkRepository(files, pathsOf(files))).toEqual([]);
  });

  it('reports a grant whose product is not in its domain, at the product', () => {
    const misplaced = grant('marketing-invoices', 'invoices');
    const orphan = grant('marketing-gone', 'gone', 'default');
    const files = [
      domain('sales'),
      domain('finance'),
      product('invoices', 'finance'),
      misplaced,
      orphan,
    ];
    expect(checkRepository(files, pathsOf(files))).toEqual([
      {
        file: 'access/marketing-gone.yaml',
        line: lineOf(orphan, '  product: gone'),
        rule: 'missing-product',
        message:
          'grants access to the data product "gone", which has no products/gone.yaml in this repository: a grant lives in its product\'s domain, so name a product of no domain, or move the grant to its product\'s domain.',
      },
      {
        file: 'domains/sales/access/marketing-invoices.yaml',
        line: lineOf(misplaced, '  product: invoices'),
        rule: 'missing-product',
        message:
          'grants access to the data product "invoices", which has no domains/sales/products/invoices.yaml in this repository: a grant lives in its product\'s domain, so name a product of the domain "sales", or move the grant to its product\'s domain.',
      },
    ]);
  });

  it('reports a product name another domain has, on the later file, at its name', () => {
    const later = product('orders', 'sales');
    const files = [
      domain('sales'),
      domain('finance'),
      later,
      product('orders', 'finance'),
    ];
    expect(checkRepository(files, pathsOf(files))).toEqual([
      {
        file: 'domains/sales/products/orders.yaml',
        line: lineOf(later, '    name: orders'),
        rule: 'unique-name',
        message:
          'A data product named "orders" already exists (domains/finance/products/orders.yaml): product names are unique across all domains. Pick another name.',
      },
    ]);
  });

  it('reports a domain in a GCP project another domain has, at the project', () => {
    const sales = domain('sales', 'acme-shared');
    const files = [domain('finance', 'acme-shared'), sales];
    expect(checkRepository(files, pathsOf(files))).toEqual([
      {
        file: 'domains/sales/domain.yaml',
        line: lineOf(sales, '  gcpProject: acme-shared'),
        rule: 'shared-project',
        message:
          'The GCP project acme-shared already belongs to the domain "finance": each domain has a project of its own. Ask the platform team for a new project.',
      },
    ]);
  });

  it('reports a product whose domain has no domain file, at its domain', () => {
    const orders = product('orders', 'sales');
    expect(checkRepository([orders], pathsOf([orders]))).toEqual([
      {
        file: 'domains/sales/products/orders.yaml',
        line: lineOf(orders, '  domain: sales'),
        rule: 'missing-domain',
        message: expect.stringMatching(
          /^belongs to the domain "sales", which has no domains\/sales\/domain\.yaml in this repository/,
        ),
      },
    ]);
  });

  it('counts a domain file that is there but broken as there: it is reported on its own', () => {
    const orders = product('orders', 'sales');
    expect(
      checkRepository(
        [orders],
        new Set([orders.path, 'domains/sales/domain.yaml']),
      ),
    ).toEqual([]);
  });

  it('reports every later product of a name, and only those, whatever the names and domains', () => {
    const names = fc.constantFrom('orders', 'invoices', 'customers', 'ads');
    const domains = fc.constantFrom('sales', 'finance', 'marketing');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(names, domains), {
          selector: ([name, d]) => `${d}/${name}`,
          maxLength: 12,
        }),
        placed => {
          const files = [
            domain('sales'),
            domain('finance'),
            domain('marketing'),
            ...placed.map(([name, d]) => product(name, d)),
          ];
          const problems = checkRepository(files, pathsOf(files));
          const firstOfName = new Map<string, string>();
          for (const f of [...files].sort((a, b) =>
            a.path < b.path ? -1 : 1,
          )) {
            if (f.manifest.kind === 'DataProduct') {
              const name = f.manifest.spec.info.name;
              firstOfName.set(name, firstOfName.get(name) ?? f.path);
            }
          }
          const expected = placed
            .map(([name, d]) => `domains/${d}/products/${name}.yaml`)
            .filter(p => ![...firstOfName.values()].includes(p))
            .sort();
          return (
            problems.every(p => p.rule === 'unique-name') &&
            JSON.stringify(problems.map(p => p.file).sort()) ===
              JSON.stringify(expected)
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
