import { productYaml, domainYaml } from '../__testUtils__/gitopsFiles';
import { checkManifestFile, RepositoryManifest } from './checkFile';
import { checkRepository } from './checkRepository';

// Two names whose ids collide: with SHA-256 no such pair can be found, so
// the model's derivation is replaced here, as @meshifi/common's own test
// of the publish does, to show that validate reports one should ids ever
// collide.
jest.mock('@meshifi/common/src/naming/serviceAccountId', () => ({
  ...jest.requireActual('@meshifi/common/src/naming/serviceAccountId'),
  serviceAccountId: (name: string) =>
    name.startsWith('customer-orders-') ? 'dp-customer-orders' : `dp-${name}`,
}));

function manifest(path: string, content: string): RepositoryManifest {
  const checked = checkManifestFile(path, content);
  if (!checked.manifest) {
    throw new Error(`${path}: ${JSON.stringify(checked.problems)}`);
  }
  return checked.manifest;
}

describe('checkRepository on a service account id collision', () => {
  it('reports the later product, naming the first', () => {
    const files = [
      manifest('domains/finance/domain.yaml', domainYaml('finance')),
      manifest('domains/sales/domain.yaml', domainYaml('sales')),
      manifest(
        'domains/finance/products/customer-orders-emea.yaml',
        productYaml('customer-orders-emea', 'finance'),
      ),
      manifest(
        'domains/sales/products/customer-orders-apac.yaml',
        productYaml('customer-orders-apac', 'sales'),
      ),
    ];
    expect(checkRepository(files, new Set(files.map(f => f.path)))).toEqual([
      {
        file: 'domains/sales/products/customer-orders-apac.yaml',
        line: expect.any(Number),
        rule: 'unique-service-account',
        message:
          'The data product "customer-orders-apac" would get the service account dp-customer-orders, which "customer-orders-emea" (domains/finance/products/customer-orders-emea.yaml) already has. Pick another name.',
      },
    ]);
  });
});
