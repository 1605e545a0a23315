import Ajv from 'ajv';
import fc from 'fast-check';
import { fivetranProblems } from './fivetranProblems';
import { fivetranSchema } from './fivetranSchema';
import { spec } from './testing/fixtures';

const ajv = new Ajv({ allErrors: true });
// Kubernetes' and meshifi's own annotations, as the model's validator knows them.
ajv.addVocabulary([
  'x-kubernetes-validations',
  'x-kubernetes-list-type',
  'x-meshifi-message',
]);
const validate = ajv.compile(fivetranSchema);

const withConnection = (change: Record<string, unknown>) => ({
  connections: [{ ...spec.connections[0], ...change }],
});

describe('the schema of spec.capabilities.fivetran', () => {
  it('accepts connections as an analyst writes them', () => {
    expect(validate(spec)).toBe(true);
  });

  it.each([
    ['a name with capitals', { name: 'Shop' }],
    ['a name with an underscore', { name: 'my_shop' }],
    ['a name ending in a dash', { name: 'shop-' }],
    ['a name too long', { name: `s${'a'.repeat(30)}` }],
    ['a connector with a dash', { connector: 'google-sheets' }],
    ['a frequency as text', { syncFrequency: '60' }],
    ['a Secret name with a colon', { credentialsSecret: 'a:b' }],
    ['a Secret name with braces', { credentialsSecret: '{{x}}' }],
  ])('refuses %s', (_, change) => {
    expect(validate(withConnection(change))).toBe(false);
  });

  it('refuses no connections, and more than twenty', () => {
    expect(validate({ connections: [] })).toBe(false);
    expect(
      validate({
        connections: Array.from({ length: 21 }, (_, i) => ({
          ...spec.connections[0],
          name: `c${i}`,
        })),
      }),
    ).toBe(false);
  });

  it('tells the API server, in its own rules, the frequencies and unique names the model checks', () => {
    const connections = fivetranSchema.properties!.connections;
    expect(
      connections['x-kubernetes-validations']!.map(v => v.message),
    ).toEqual([
      'Give each connection its own name.',
      "A connection's connector cannot change: add a connection with a new name instead.",
    ]);
    expect(
      connections.items!.properties!.syncFrequency['x-kubernetes-validations'],
    ).toEqual([
      expect.objectContaining({
        rule: 'self in [5, 15, 30, 60, 120, 180, 360, 480, 720, 1440]',
      }),
    ]);
  });

  it('agrees with the problems on every field the schema checks (fast-check)', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/),
    );
    fc.assert(
      fc.property(field, field, field, (name, connector, credentialsSecret) => {
        const candidate = withConnection({
          name,
          connector,
          credentialsSecret,
        });
        const bySchema = validate(candidate);
        const byProblems = fivetranProblems(candidate).length === 0;
        expect(byProblems).toBe(bySchema);
      }),
      { numRuns: 3000 },
    );
  });
});
