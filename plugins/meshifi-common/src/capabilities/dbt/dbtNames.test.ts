import fc from 'fast-check';
import { PRODUCT_NAME_PATTERN } from '../../naming/productName';
import { CRONJOB_NAME_MAX_LENGTH, dbtObjectName } from './dbtNames';

const productName = fc
  .stringMatching(new RegExp(PRODUCT_NAME_PATTERN))
  .filter(name => name.length >= 3 && name.length <= 63);

describe('dbtObjectName', () => {
  it('is <product>-dbt while that fits a CronJob', () => {
    expect(dbtObjectName('customer-orders')).toBe('customer-orders-dbt');
  });

  it('fits a CronJob and is a Kubernetes name, for any product name', () => {
    fc.assert(
      fc.property(productName, name => {
        const object = dbtObjectName(name);
        expect(object.length).toBeLessThanOrEqual(CRONJOB_NAME_MAX_LENGTH);
        expect(object).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
        // A dash pair comes only from the product's own name, never the cut.
        expect(!object.includes('--') || name.includes('--')).toBe(true);
        expect(object.endsWith('-dbt')).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('never gives two products the same name', () => {
    fc.assert(
      fc.property(productName, productName, (a, b) => {
        expect(dbtObjectName(a) === dbtObjectName(b)).toBe(a === b);
      }),
      { numRuns: 5000 },
    );
    const long = (end: string) => `${'a'.repeat(48)}-${end}`;
    expect(dbtObjectName(long('x'))).not.toBe(dbtObjectName(long('y')));
  });
});
