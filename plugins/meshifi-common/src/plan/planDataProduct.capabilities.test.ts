import fc from 'fast-check';
import { CAPABILITIES } from '../capabilities/registry';
import { LABELS } from '../constants';
import { datasetId } from '../naming/datasetId';
import { PlatformConfig } from '../model/types';
import { planDataProduct, PlannedOwners } from './planDataProduct';

// The registry with one more capability, defined for the tests.
jest.mock('../capabilities/registry', () => {
  const actual = jest.requireActual('../capabilities/registry');
  const { notes } = jest.requireActual('./__testUtils__/notesCapability');
  return { ...actual, CAPABILITIES: [...actual.CAPABILITIES, notes] };
});

const platform: PlatformConfig = {
  project: 'meshifi-platform',
  location: 'EU',
  capabilities: { notes: { prefix: 'Note' } },
};
const ana: PlannedOwners = { owners: ['ana@example.com'], unresolved: [] };

const plan = (
  answers: Record<string, unknown> | undefined,
  options: {
    platform?: PlatformConfig;
    capabilitySpecs?: Record<string, unknown>;
  } = {},
) =>
  planDataProduct({
    answers: {
      name: 'customer-orders',
      ...(answers ? { capabilities: answers } : {}),
      ...(options.capabilitySpecs
        ? { capabilitySpecs: options.capabilitySpecs }
        : {}),
    },
    domain: { name: 'sales', found: true, project: 'acme-sales-data' },
    owners: ana,
    platform: options.platform ?? platform,
  });

const errors = (p: ReturnType<typeof plan>) =>
  p.problems.filter(x => x.severity === 'error');

describe('planDataProduct with capabilities', () => {
  it("turns a page's answers into spec.capabilities and plans the capability's resources after the core's", () => {
    const result = plan({ notes: { keep: true, text: 'Hello' } });
    expect(result.problems).toEqual([]);
    expect(result.manifest.spec.capabilities).toEqual({
      notes: { text: 'Hello (sales/customer-orders, Note)' },
    });
    const last = result.resources[result.resources.length - 1];
    expect(last.key).toBe('notes-config');
    expect(last.summary).toBe(
      `A note on ${datasetId('customer-orders', 'curated')} in acme-sales-data`,
    );
    expect(last.resource.metadata.labels).toMatchObject({
      [LABELS.dataProduct]: 'customer-orders',
      [LABELS.domain]: 'sales',
      [LABELS.capability]: 'notes',
    });
    // The core's resources are all there, before the capability's.
    const without = plan({});
    expect(result.resources.slice(0, -1)).toEqual(without.resources);
  });

  it.each([
    ['turned off', { notes: { keep: false, text: 'x' } }],
    ['never opened', { notes: undefined }],
    ['left blank by the template', { notes: '' }],
    ['not answered at all', {}],
  ])('gives no capability for a page %s', (_, answers) => {
    const result = plan(answers);
    expect(result.problems).toEqual([]);
    expect(result.manifest.spec.capabilities).toBeUndefined();
    expect(result.resources.some(r => r.role === 'capability')).toBe(false);
  });

  it('reports the answers fromAnswers refuses, where they are, and plans nothing', () => {
    const result = plan({ notes: { keep: true } });
    expect(errors(result)).toEqual([
      {
        path: 'spec.capabilities.notes.text',
        message: 'Write the note, or do not keep one.',
        severity: 'error',
      },
    ]);
    expect(result.resources).toEqual([]);
  });

  it("reports a capability's problems with the platform's settings, which the product alone does not have", () => {
    const result = plan({ notes: { keep: true, text: 'a secret' } });
    expect(errors(result).map(p => p.message)).toEqual([
      'The note uses a word the platform bans: reword it.',
    ]);
    expect(result.resources).toEqual([]);
    // The platform's setting overlays the packaged one.
    const allowed = plan(
      { notes: { keep: true, text: 'a secret' } },
      {
        platform: {
          ...platform,
          capabilities: { notes: { prefix: 'N', banned: [] } },
        },
      },
    );
    expect(allowed.problems).toEqual([]);
  });

  it('tells the analyst to ask the platform team when the platform has not set a capability up, only when it is turned on', () => {
    const unset = { ...platform, capabilities: {} };
    const result = plan({ notes: { keep: true } }, { platform: unset });
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0].path).toBe('spec.capabilities.notes');
    expect(errors(result)[0].message).toContain(
      'Notes cannot be set up on this platform yet: ask the platform team to set meshifi.platform.capabilities.notes',
    );
    expect(errors(result)[0].message).toContain(
      'Set prefix, the text every note starts with.',
    );
    expect(
      plan({ notes: { keep: false } }, { platform: unset }).problems,
    ).toEqual([]);
  });

  it('refuses answers for a capability meshifi does not have, naming those it has', () => {
    const result = plan({ airflow: { dags: 3 } });
    expect(errors(result).map(p => p.message)).toEqual([
      `The form answered for "airflow", which is not something a data product can have here (${CAPABILITIES.map(
        c => c.title,
      ).join(', ')}): ask the platform team to update the template.`,
    ]);
  });

  it('plans a product that has its capabilities already, as the pending list does', () => {
    const result = plan(undefined, {
      capabilitySpecs: { notes: { text: 'written down' } },
    });
    expect(result.problems).toEqual([]);
    expect(result.manifest.spec.capabilities).toEqual({
      notes: { text: 'written down' },
    });
    expect(result.resources.map(r => r.key)).toContain('notes-config');
  });

  it('never throws for any answers, and plans resources only without errors', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constant('notes'), fc.string({ maxLength: 8 })),
          fc.oneof(
            fc.anything(),
            fc.record({ keep: fc.anything(), text: fc.anything() }),
          ),
        ),
        answers => {
          const result = plan(answers);
          const blocked = errors(result).length > 0;
          expect(blocked).toBe(result.resources.length === 0);
          const strangers = Object.entries(answers).filter(
            ([key, answer]) =>
              !CAPABILITIES.some(c => c.name === key) &&
              ![undefined, null, ''].includes(answer as any),
          );
          for (const [key] of strangers) {
            expect(errors(result).map(p => p.message)).toContainEqual(
              expect.stringContaining(`"${key}"`),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
