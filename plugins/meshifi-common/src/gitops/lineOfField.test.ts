import fc from 'fast-check';
import { lineOfField } from './lineOfField';

const content = [
  'apiVersion: meshifi.io/v1alpha1',
  'kind: DataProduct',
  'metadata:',
  '  name: orders',
  'spec:',
  '  access:',
  '    owners:',
  '      - ana@example.com',
  '      - bo@example.com',
].join('\n');

describe('lineOfField', () => {
  it.each([
    ['kind', 2],
    ['metadata.name', 4],
    ['spec.access.owners.1', 9],
    // A missing field points at its nearest parent.
    ['spec.access.readers', 6],
    ['spec.info.name', 5],
  ])('finds %s on line %d', (field, line) => {
    expect(lineOfField(content, field)).toBe(line);
  });

  it('never throws, and gives a line of the content or none', () => {
    const field = fc
      .array(fc.oneof(fc.string(), fc.nat({ max: 3 }).map(String)), {
        maxLength: 4,
      })
      .map(parts => parts.join('.'));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), field, (text, path) => {
        const line = lineOfField(text, path);
        const lines = text.split(/\r\n|\r|\n/).length;
        return line === undefined || (line >= 1 && line <= lines + 1);
      }),
      { numRuns: 2_000 },
    );
  });
});
