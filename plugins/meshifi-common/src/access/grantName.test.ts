import fc from 'fast-check';
import { MEDALLION_LAYERS } from '../constants';
import { nameProblem } from '../naming/productName';
import { grantNameOf } from './grantName';

const productName = fc.stringMatching(/^[a-z]([-a-z0-9]{1,61}[a-z0-9])$/);

describe('grantNameOf', () => {
  it('names the same grant for the same consumer and layer, whatever the case of the email', () => {
    expect(grantNameOf('customer-orders', 'Ana@Example.com', 'curated')).toBe(
      grantNameOf('customer-orders', 'ana@example.com', 'curated'),
    );
  });

  it('names different grants for other consumers and other layers', () => {
    const ana = grantNameOf('customer-orders', 'ana@example.com', 'curated');
    expect(
      grantNameOf('customer-orders', 'pat@example.com', 'curated'),
    ).not.toBe(ana);
    expect(
      grantNameOf('customer-orders', 'ana@example.com', 'cleaned'),
    ).not.toBe(ana);
    expect(ana).toMatch(/^customer-orders-[a-z2-7]{8}$/);
  });

  it('is a valid Kubernetes name of at most 63 characters for every product name', () => {
    fc.assert(
      fc.property(
        productName,
        fc.emailAddress(),
        fc.constantFrom(...MEDALLION_LAYERS),
        (product, email, layer) => {
          const name = grantNameOf(product, email, layer);
          expect(nameProblem(name, 'grant name')).toBeUndefined();
          expect(name.length).toBeLessThanOrEqual(63);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
