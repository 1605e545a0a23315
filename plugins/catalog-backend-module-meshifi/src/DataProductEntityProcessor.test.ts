import { DataProductEntityProcessor } from './DataProductEntityProcessor';

describe('DataProductEntityProcessor', () => {
  const processor = new DataProductEntityProcessor();
  const product = {
    apiVersion: 'meshifi.io/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'orders' },
    spec: { info: { name: 'orders', version: '0.1.0' } },
  };

  it('accepts a meshifi DataProduct', async () => {
    await expect(processor.validateEntityKind(product)).resolves.toBe(true);
  });

  it('leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind({ ...product, kind: 'Component' }),
    ).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({
        ...product,
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).resolves.toBe(false);
  });

  it('says what is missing when a product has no name', async () => {
    await expect(
      processor.validateEntityKind({ ...product, spec: {} }),
    ).rejects.toThrow(/no spec.info.name/);
  });
});
