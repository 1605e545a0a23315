import { isGitopsManifestPath, isInMeshifiFolder } from './paths';

describe('isInMeshifiFolder', () => {
  it.each([
    'domains/sales/domain.yaml',
    'domains/sales/products/orders.yaml',
    'domains/sales/notes.txt',
    'products/orders.yaml',
    'products/deep/er/file',
  ])('holds %s, inside domains/ or products/', file => {
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
    ]) {
      expect(isGitopsManifestPath(file)).toBe(true);
      expect(isInMeshifiFolder(file)).toBe(true);
    }
  });
});
