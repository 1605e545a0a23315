import fc from 'fast-check';
import {
  planDataProduct,
  PlannedDomain,
  PlannedOwners,
} from './planDataProduct';

const platform = { project: 'meshifi-platform', location: 'EU' };
const sales: PlannedDomain = {
  name: 'sales',
  found: true,
  project: 'acme-sales-data',
};
const ana: PlannedOwners = { owners: ['ana@example.com'], unresolved: [] };

const plan = (
  overrides: {
    name?: string;
    domain?: PlannedDomain | undefined;
    owners?: PlannedOwners;
    location?: string;
  } = {},
) =>
  planDataProduct({
    answers: {
      name: overrides.name ?? 'customer-orders',
      ...(overrides.location ? { location: overrides.location } : {}),
    },
    domain: 'domain' in overrides ? overrides.domain : sales,
    owners: overrides.owners ?? ana,
    platform,
  });

const messages = (p: ReturnType<typeof plan>) =>
  p.problems.map(problem => `${problem.severity}: ${problem.message}`);

describe('planDataProduct', () => {
  it("places the product in its domain's project, with the service account there", () => {
    const result = plan({
      owners: {
        owners: ['ana@example.com', 'group:sales-analytics@example.com'],
        unresolved: [],
      },
    });
    expect(result.problems).toEqual([]);
    expect(result.project).toBe('acme-sales-data');
    expect(result.location).toBe('EU');
    expect(result.serviceAccountEmail).toBe(
      'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
    expect(result.resources).toHaveLength(10);
    expect(result.resources.map(r => r.summary)).toContain(
      'the group sales-analytics@example.com may act as dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
    expect(result.manifest.metadata.namespace).toBe('sales');
    for (const r of result.resources) {
      const spec = r.resource.spec as { forProvider: Record<string, string> };
      expect([
        spec.forProvider.project,
        spec.forProvider.serviceAccountId,
      ]).toContainEqual(expect.stringContaining('acme-sales-data'));
    }
  });

  it('uses the platform project for a product without a domain, without a problem', () => {
    const result = plan({ domain: undefined, location: 'US' });
    expect(result.problems).toEqual([]);
    expect(result.project).toBe('meshifi-platform');
    expect(result.location).toBe('US');
    expect(result.manifest.metadata.namespace).toBeUndefined();
  });

  it('says plainly when the domain names no project, and uses the platform project', () => {
    const result = plan({ domain: { name: 'sales', found: true } });
    expect(messages(result)).toEqual([
      `warning: The domain "sales" names no Google Cloud project (the annotation meshifi.io/gcp-project of its catalog entity), so this plan puts the product in the platform's project meshifi-platform. Ask the platform team to give the domain its project.`,
    ]);
    expect(result.project).toBe('meshifi-platform');
    // 3 datasets, the service account, 3 writers, job user, Ana.
    expect(result.resources).toHaveLength(9);
  });

  it('refuses a domain the catalog does not have, and lists nothing', () => {
    const result = plan({ domain: { name: 'finance', found: false } });
    expect(messages(result)).toEqual([
      'error: The domain "finance" does not exist: pick one from the list, or ask the platform team to create it.',
    ]);
    expect(result.resources).toEqual([]);
    expect(result.project).toBe('meshifi-platform');
  });

  it('names owners without catalog entries and owners without an email', () => {
    const result = plan({
      owners: {
        owners: ['ana@example.com'],
        unresolved: [
          { owner: 'user:default/ghost', reason: 'unknown' },
          { owner: 'not a ref!', reason: 'invalid' },
          {
            owner: 'group:default/quiet',
            reason: 'no-email',
            kind: 'group',
            title: 'The quiet team',
          },
          {
            owner: 'user:default/bo',
            reason: 'no-email',
            kind: 'user',
            title: 'Bo',
          },
        ],
      },
    });
    expect(messages(result)).toEqual([
      'error: user:default/ghost is not in the catalog: pick owners from the list.',
      'error: "not a ref!" is neither a user or group of the catalog nor an email address: pick the owners from the list.',
      "error: The group The quiet team has no email address in the catalog, so it cannot be given access: pick its members instead, or ask the platform team to add the group's email.",
      'error: Bo has no email address in the catalog, so they cannot be given access: ask the platform team to add it.',
    ]);
    expect(result.resources).toEqual([]);
    // Where it would go is still known.
    expect(result.project).toBe('acme-sales-data');
  });

  it('explains an owner left out once, not also as "no owners"', () => {
    const result = plan({
      owners: {
        owners: [],
        unresolved: [{ owner: 'user:default/ghost', reason: 'unknown' }],
      },
    });
    expect(messages(result)).toEqual([
      'error: user:default/ghost is not in the catalog: pick owners from the list.',
    ]);
  });

  it('asks for an owner when none was picked', () => {
    const result = plan({ owners: { owners: [], unresolved: [] } });
    expect(result.problems.map(p => p.path)).toEqual(['spec.access.owners']);
    expect(result.problems[0].severity).toBe('error');
  });

  it.each([
    ['Customer Orders', /can only use lower-case letters/],
    ['ab', /too short/],
    ['../../etc', /can only use lower-case letters/],
    ['', /Give the product name/],
  ])('refuses the name %p, with no service account', (name, message) => {
    const result = plan({ name });
    expect(result.problems.map(p => p.message)).toContainEqual(
      expect.stringMatching(message),
    );
    expect(result.serviceAccountEmail).toBeUndefined();
    expect(result.resources).toEqual([]);
  });

  it('leaves an invalid domain name to the validation, without claiming it does not exist', () => {
    const result = plan({ domain: { name: 'kube-system', found: false } });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].path).toBe('spec.domain');
    expect(result.problems[0].message).not.toMatch(/does not exist/);
  });

  it('never throws, and gives resources only without errors', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 70 }),
        fc.option(
          fc.record({
            name: fc.string({ maxLength: 20 }),
            found: fc.boolean(),
            project: fc.option(fc.string({ maxLength: 30 }), {
              nil: undefined,
            }),
          }),
          { nil: undefined },
        ),
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }),
        (name, domain, owners) => {
          const result = planDataProduct({
            answers: { name },
            domain: domain as PlannedDomain | undefined,
            owners: { owners, unresolved: [] },
            platform,
          });
          const blocked = result.problems.some(p => p.severity === 'error');
          expect(blocked ? result.resources : []).toEqual([]);
          expect(blocked).toBe(result.resources.length === 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
