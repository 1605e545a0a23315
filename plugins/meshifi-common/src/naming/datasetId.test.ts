import { MEDALLION_LAYERS } from '../constants';
import { datasetId } from './datasetId';

describe('datasetId', () => {
  it('turns dashes into underscores and appends the layer', () => {
    expect(datasetId('customer-orders', 'raw')).toBe('customer_orders_raw');
    expect(datasetId('sales', 'curated')).toBe('sales_curated');
  });

  it('gives every layer its own id, valid for BigQuery', () => {
    const ids = MEDALLION_LAYERS.map(layer => datasetId('a-b-1', layer));
    expect(new Set(ids).size).toBe(MEDALLION_LAYERS.length);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });

  it.each([
    ['upper case', 'Sales'],
    ['a leading digit', '1sales'],
    ['a trailing dash', 'sales-'],
    ['a path', '../etc'],
    ['a YAML breaker', 'a: b'],
    ['unicode', 'säles'],
    ['nothing', ''],
  ])('rejects a name with %s', (_why, name) => {
    expect(() => datasetId(name, 'raw')).toThrow(/cannot name a dataset/);
  });

  it('rejects a name whose id would exceed the BigQuery limit', () => {
    expect(() => datasetId(`a${'b'.repeat(1030)}`, 'raw')).toThrow(
      /longer than 1024/,
    );
  });
});
