import fc from 'fast-check';
import { fieldSelector } from './fieldSelector';
import { productTargetProblem } from './productTarget';

describe('productTargetProblem', () => {
  it('accepts the names objects and namespaces have', () => {
    for (const target of [
      { name: 'orders' },
      { name: 'customer-orders', domain: 'sales' },
      { name: 'v2.orders', domain: 'a' },
      { name: 'x', domain: 'sales-eu-2' },
    ]) {
      expect(productTargetProblem(target)).toBeUndefined();
    }
  });

  it('says a name or a domain no object can have, and what names look like', () => {
    expect(productTargetProblem({ name: 'Orders' })).toBe(
      'No data product can be called "Orders": names in the cluster use only lower-case letters (a-z), digits, dashes and dots, for example customer-orders. Check the name.',
    );
    expect(productTargetProblem({ name: 'orders', domain: 'sales.eu' })).toBe(
      'No domain can be called "sales.eu": domain names use only lower-case letters (a-z), digits and dashes, for example sales. Check --domain.',
    );
    expect(productTargetProblem({ name: '' })).toMatch(/^No data product /);
    expect(productTargetProblem({ name: 'a'.repeat(254) })).toMatch(
      /^No data product /,
    );
    expect(productTargetProblem({ name: 'o', domain: 'd'.repeat(64) })).toMatch(
      /^No domain /,
    );
    // Control characters are shown escaped, never sent to the terminal as they are.
    expect(productTargetProblem({ name: 'a\u001b[31mb' })).toContain(
      '"a\\u001b[31mb"',
    );
  });

  it('lets through only what the field selector asks for exactly as given', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.string(), { nil: undefined }),
        (name, domain) => {
          if (productTargetProblem({ name, domain })) {
            return;
          }
          const terms = fieldSelector({
            'metadata.name': name,
            'metadata.namespace': domain,
          }).split(',');
          expect(terms).toEqual(
            domain === undefined
              ? [`metadata.name=${name}`]
              : [`metadata.name=${name}`, `metadata.namespace=${domain}`],
          );
          expect(`${name}${domain ?? ''}`).not.toMatch(/[,=!\\\s]/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
