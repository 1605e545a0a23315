import fc from 'fast-check';
import { parse } from 'yaml';
import { dataAccessManifest } from '../model/manifests';
import { gitopsYaml } from './gitopsYaml';

describe('gitopsYaml', () => {
  it("quotes a grant's last day, which YAML 1.1 readers such as Flux take for a timestamp", () => {
    const grant = dataAccessManifest('orders-abcdefgh', 'sales', {
      product: 'orders',
      consumer: { type: 'group', email: 'finance@example.com' },
      purpose: 'Reconcile invoices with orders',
      expires: '2027-03-31',
    });
    const text = gitopsYaml(grant);
    expect(text).toContain('expires: "2027-03-31"');
    expect(parse(text, { version: '1.1' }).spec.expires).toBe('2027-03-31');
  });

  it('reads back the same strings as YAML 1.1 and 1.2, whatever they hold', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }),
          fc.oneof(
            fc.string(),
            fc.constantFrom('yes', 'no', 'on', 'off', '0123', '12:30', '1e3'),
            fc
              .date({ noInvalidDate: true })
              .map(d => d.toISOString().slice(0, 10)),
          ),
        ),
        values => {
          const text = gitopsYaml({ spec: values });
          expect(parse(text, { version: '1.1' })).toEqual({ spec: values });
          expect(parse(text)).toEqual({ spec: values });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
