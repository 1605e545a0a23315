import fc from 'fast-check';
import {
  dataAccessManifest,
  dataDomainManifest,
  dataProductManifest,
} from '../model/manifests';
import { nameProblem } from '../naming/productName';
import {
  gitopsPath,
  isGitopsManifestPath,
  isGrantPath,
  isInMeshifiFolder,
} from './paths';

const grant = (name: string, namespace: string) =>
  dataAccessManifest(name, namespace, {
    product: 'orders',
    consumer: { type: 'group', email: 'marketing@example.com' },
    purpose: 'Weekly campaign reporting on orders.',
    expires: '2027-03-31',
  });

describe('isInMeshifiFolder', () => {
  it.each([
    'domains/sales/domain.yaml',
    'domains/sales/products/orders.yaml',
    'domains/sales/notes.txt',
    'products/orders.yaml',
    'products/deep/er/file',
    'access/marketing-orders.yaml',
    'access/notes.txt',
  ])('holds %s, inside domains/, products/ or access/', file => {
    expect(isInMeshifiFolder(file)).toBe(true);
  });

  it.each([
    'README.md',
    'domainsx/sales/domain.yaml',
    'docs/domains/sales/domain.yaml',
    '.github/workflows/ci.yaml',
    'product/orders.yaml',
  ])('leaves out %s', file => {
    expect(isInMeshifiFolder(file)).toBe(false);
  });

  it('holds every manifest path', () => {
    for (const file of [
      'domains/sales/domain.yaml',
      'domains/sales/products/orders.yaml',
      'products/orders.yaml',
      'domains/sales/access/marketing-orders.yaml',
      'access/marketing-orders.yaml',
    ]) {
      expect(isGitopsManifestPath(file)).toBe(true);
      expect(isInMeshifiFolder(file)).toBe(true);
    }
  });
});

describe('gitopsPath', () => {
  it("puts a grant in its domain's access folder", () => {
    expect(gitopsPath(grant('marketing-orders', 'sales'))).toBe(
      'domains/sales/access/marketing-orders.yaml',
    );
  });

  it('puts a grant on a product of no domain in access/', () => {
    expect(gitopsPath(grant('marketing-orders', 'default'))).toBe(
      'access/marketing-orders.yaml',
    );
    const namespaceless = grant('marketing-orders', 'default');
    delete namespaceless.metadata.namespace;
    expect(gitopsPath(namespaceless)).toBe('access/marketing-orders.yaml');
  });

  it('puts products and domains where they were', () => {
    const product = (domain?: string) =>
      dataProductManifest({
        info: { name: 'orders', version: '1.0.0' },
        access: { owners: ['ana@example.com'] },
        ...(domain ? { domain } : {}),
      });
    expect(gitopsPath(product('sales'))).toBe(
      'domains/sales/products/orders.yaml',
    );
    expect(gitopsPath(product())).toBe('products/orders.yaml');
    expect(
      gitopsPath(
        dataDomainManifest('sales', {
          owner: 'group:default/sales',
          gcpProject: 'acme-sales',
        }),
      ),
    ).toBe('domains/sales/domain.yaml');
  });

  it.each([
    ['../../etc/passwd', 'sales'],
    ['marketing-orders', '../..'],
    ['marketing-orders', 'sales/products'],
    ['marketing/../x', 'sales'],
    ['', 'sales'],
  ])('refuses the grant %j of namespace %j', (name, namespace) => {
    expect(() => gitopsPath(grant(name, namespace))).toThrow(
      /can only use|Give the|too short/,
    );
  });

  it('gives every grant a path of its own folder, or refuses its names', () => {
    const hostileName = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 70 }),
      fc.stringMatching(/^[a-z][-a-z0-9]{0,70}$/),
      fc.constantFrom('default', '..', '.', 'access', 'products', 'a/b'),
    );
    fc.assert(
      fc.property(hostileName, hostileName, (name, namespace) => {
        const valid =
          nameProblem(name) === undefined &&
          (namespace === 'default' || nameProblem(namespace) === undefined);
        const folder =
          namespace === 'default' ? 'access/' : `domains/${namespace}/access/`;
        let path: string | undefined;
        try {
          path = gitopsPath(grant(name, namespace));
        } catch {
          path = undefined;
        }
        expect(path).toBe(valid ? `${folder}${name}.yaml` : undefined);
        expect([path].filter(p => p && !isGrantPath(p))).toEqual([]);
        expect([path].filter(p => p && !isGitopsManifestPath(p))).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('isGrantPath', () => {
  it.each([
    'domains/sales/access/marketing-orders.yaml',
    'access/marketing-orders.yaml',
  ])('holds %s', file => {
    expect(isGrantPath(file)).toBe(true);
  });

  it.each([
    'domains/sales/products/orders.yaml',
    'products/orders.yaml',
    'domains/sales/domain.yaml',
    'domains/sales/access/deep/x.yaml',
    'access/deep/x.yaml',
    'domains/access/x.yaml',
    'access/x.yml',
    'xaccess/x.yaml',
    'domains/sales/access/x.yaml.bak',
  ])('leaves out %s', file => {
    expect(isGrantPath(file)).toBe(false);
  });
});
