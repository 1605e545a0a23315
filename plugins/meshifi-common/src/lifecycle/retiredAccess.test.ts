import { dataProductManifest } from '../model/manifests';
import { DataProductSpec } from '../model/types';
import { PRODUCT_STATUSES } from './productStatus';
import { retiredAccessProblem } from './retiredAccess';

const product = (extra: Partial<DataProductSpec>) =>
  dataProductManifest({
    info: { name: 'old-orders', version: '1.0.0', title: 'Old orders' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    ...extra,
  });

describe('retiredAccessProblem', () => {
  it('lets anyone ask for access to a product still served', () => {
    for (const status of PRODUCT_STATUSES.filter(s => s !== 'retired')) {
      expect(retiredAccessProblem(product({ status }))).toBeUndefined();
    }
    expect(retiredAccessProblem(product({}))).toBeUndefined();
  });

  it('refuses a retired product, pointing to its replacement when it has one', () => {
    expect(
      retiredAccessProblem(
        product({
          status: 'retired',
          deprecation: { date: '2026-06-30', replacedBy: 'customer-orders' },
        }),
      ),
    ).toBe(
      'Old orders is retired and no longer served: ask for access to customer-orders, which replaces it.',
    );
    expect(retiredAccessProblem(product({ status: 'retired' }))).toBe(
      'Old orders is retired and no longer served: nobody can be given access to it any more.',
    );
  });
});
