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
      expect(id).toMatch(/^[A-Za-z0-9_]{1,1024}$/);
    }
  });

  it('gives different products different ids', () => {
    expect(datasetId('a-bc', 'raw')).not.toBe(datasetId('ab-c', 'raw'));
  });

  it.each([
    ['upper case', 'Sales', /lower-case/],
    ['a leading digit', '1sales', /start with a letter/],
    ['a trailing dash', 'sales-', /not end with a dash/],
    ['a path', '../etc', /lower-case/],
    ['a YAML breaker', 'a: b', /lower-case/],
    ['unicode', 'säles', /lower-case/],
    ['nothing', '', /Give the product name/],
    ['too few characters', 'ab', /too short/],
    ['too many characters', `a${'b'.repeat(63)}`, /at most 63/],
  ])('rejects a name with %s, saying what to do', (_why, name, message) => {
    expect(() => datasetId(name, 'raw')).toThrow(message);
  });
});
