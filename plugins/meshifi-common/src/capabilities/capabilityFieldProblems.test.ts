import fc from 'fast-check';
import { Capability } from './Capability';
import { capabilityFieldProblems } from './capabilityFieldProblems';

/** A capability whose fragment has a field and a list of objects. */
const feeds = {
  name: 'feeds',
  title: 'Feeds',
  schema: {
    type: 'object',
    properties: {
      every: { type: 'string' },
      sources: {
        type: 'array',
        items: {
          type: 'object',
          title: 'Source',
          properties: { name: { type: 'string' } },
        },
      },
      extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
} as unknown as Capability;

describe('capabilityFieldProblems', () => {
  it('says which field is misspelt, at any depth, naming the fields there are', () => {
    expect(
      capabilityFieldProblems(
        { feeds: { evry: '1h', sources: [{ name: 'a' }, { nmae: 'b' }] } },
        [feeds],
      ),
    ).toEqual([
      {
        path: 'spec.capabilities.feeds.evry',
        message:
          'Feeds has no field "evry" (it has every, sources, extra): check its spelling, since the platform would ignore it.',
      },
      {
        path: 'spec.capabilities.feeds.sources.1.nmae',
        message:
          'Source has no field "nmae" (it has name): check its spelling, since the platform would ignore it.',
      },
    ]);
  });

  it('names the capabilities there are for one meshifi does not have', () => {
    expect(capabilityFieldProblems({ airflow: {} }, [feeds])).toEqual([
      {
        path: 'spec.capabilities.airflow',
        message:
          '"airflow" is not something a data product can have here: use feeds, or remove it.',
      },
    ]);
  });

  it('accepts known fields, and anything where the schema keeps unknown fields', () => {
    expect(
      capabilityFieldProblems(
        { feeds: { every: '1h', sources: [{ name: 'a' }], extra: { x: 1 } } },
        [feeds],
      ),
    ).toEqual([]);
    expect(capabilityFieldProblems(undefined, [feeds])).toEqual([]);
  });

  it('never throws, and reports only paths under spec.capabilities (fast-check)', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), value => {
        const problems = capabilityFieldProblems(
          { feeds: value } as Record<string, unknown>,
          [feeds],
        );
        expect(
          problems.filter(p => !p.path.startsWith('spec.capabilities.feeds.')),
        ).toEqual([]);
      }),
    );
  });
});
