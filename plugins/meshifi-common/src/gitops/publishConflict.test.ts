import { dataDomainManifest, dataProductManifest } from '../model/manifests';
import {
  ProductIndex,
  publishConflict,
  RepositoryContent,
} from './publishConflict';

const product = (name: string, domain = 'sales') =>
  dataProductManifest({
    info: { name, version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain,
  });

const domain = (name: string, gcpProject: string) =>
  dataDomainManifest(name, { owner: `group:default/${name}`, gcpProject });

const repository = (
  paths: string[],
  domains = [domain('sales', 'acme-sales-data')],
): RepositoryContent => ({ paths: ['README.md', ...paths], domains });

describe('publishConflict', () => {
  it('lets a new product with a new name in', () => {
    expect(
      publishConflict(
        product('invoices'),
        repository(['domains/sales/products/orders.yaml']),
      ),
    ).toBeUndefined();
  });

  it('refuses a product name another domain already has', () => {
    expect(
      publishConflict(
        product('orders', 'finance'),
        repository(['domains/sales/products/orders.yaml']),
      ),
    ).toBe(
      'A data product named "orders" already exists (domains/sales/products/orders.yaml): product names are unique across all domains. Pick another name.',
    );
  });

  it('refuses a domain whose GCP project another domain has', () => {
    expect(
      publishConflict(domain('finance', 'acme-sales-data'), repository([])),
    ).toBe(
      'The GCP project acme-sales-data already belongs to the domain "sales": each domain has a project of its own. Ask the platform team for a new project.',
    );
  });

  it('lets a domain keep its own project', () => {
    expect(
      publishConflict(domain('sales', 'acme-sales-data'), repository([])),
    ).toBeUndefined();
  });
});

describe('ProductIndex', () => {
  it('answers as publishConflict does, product by product', () => {
    const index = new ProductIndex();
    index.add('orders', 'domains/sales/products/orders.yaml');
    expect(index.conflictOf(product('orders', 'finance'))).toBe(
      publishConflict(
        product('orders', 'finance'),
        repository(['domains/sales/products/orders.yaml']),
      ),
    );
    expect(index.conflictOf(product('invoices'))).toBeUndefined();
  });
});
