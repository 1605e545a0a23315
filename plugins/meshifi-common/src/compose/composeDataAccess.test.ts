import fc from 'fast-check';
import { MEDALLION_LAYERS } from '../constants';
import { accessPolicyOf } from '../access/accessPolicy';
import { dataAccessManifest, dataProductManifest } from '../model/manifests';
import { DataAccessSpec, DataProduct } from '../model/types';
import { datasetId } from '../naming/datasetId';
import { compose } from './compose';
import { composeDataAccess } from './composeDataAccess';

const now = new Date('2026-12-02T15:00:00Z');

/** The sales product as its composition left it: with project and datasets. */
const provisioned = (
  name = 'customer-orders',
  namespace = 'sales',
): DataProduct => {
  const manifest = dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    ...(namespace === 'default' ? {} : { domain: namespace }),
  });
  return {
    ...manifest,
    metadata: { ...manifest.metadata, namespace },
    status: {
      project: 'acme-sales-data',
      datasets: MEDALLION_LAYERS.map(layer => ({
        layer,
        datasetId: datasetId(name, layer),
        location: 'EU',
      })),
    },
  };
};

const grant = (
  spec: Partial<DataAccessSpec> = {},
  name = 'marketing-orders',
  namespace = 'sales',
) =>
  dataAccessManifest(name, namespace, {
    product: 'customer-orders',
    consumer: { type: 'group', email: 'marketing@example.com' },
    purpose: 'Campaign reporting on orders.',
    expires: '2027-03-31',
    ...spec,
  });

const run = (
  g = grant(),
  product: DataProduct | null = provisioned(),
  options: { now?: Date; policy?: ReturnType<typeof accessPolicyOf> } = {},
) =>
  composeDataAccess({
    grant: g,
    product,
    policy: options.policy ?? accessPolicyOf(),
    now: options.now ?? now,
  });

describe('composeDataAccess', () => {
  it("composes one DatasetIAMMember that reads the curated dataset until the last day ends, from the product's status", () => {
    const result = run();
    expect(result.ended).toBe(false);
    expect(result.resources).toHaveLength(1);
    expect(result.resources[0]).toEqual({
      key: 'dataset-reader-curated',
      role: 'dataset-reader',
      layer: 'curated',
      summary:
        'the group marketing@example.com may read customer_orders_curated until 2027-03-31 ends (UTC)',
      resource: {
        apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
        kind: 'DatasetIAMMember',
        metadata: {
          name: 'marketing-orders-curated-reader',
          labels: {
            'meshifi.io/data-access': 'marketing-orders',
            'meshifi.io/data-product': 'customer-orders',
            'meshifi.io/role': 'dataset-reader',
            'meshifi.io/domain': 'sales',
          },
        },
        spec: {
          forProvider: {
            project: 'acme-sales-data',
            datasetId: 'customer_orders_curated',
            role: 'roles/bigquery.dataViewer',
            member: 'group:marketing@example.com',
            condition: {
              title: 'meshifi access expiry 2027-03-31',
              description:
                'meshifi ends the DataAccess sales/marketing-orders when 2027-03-31 ends (UTC).',
              expression: 'request.time < timestamp("2027-04-01T00:00:00Z")',
            },
          },
          providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
        },
      },
    });
    expect(result.status).toEqual({
      project: 'acme-sales-data',
      datasetId: 'customer_orders_curated',
      member: 'group:marketing@example.com',
      role: 'roles/bigquery.dataViewer',
      endsAt: '2027-04-01T00:00:00Z',
    });
  });

  it('grants as the product grants its owners: user:, group: and serviceAccount: from one place', () => {
    const members = (['user', 'group', 'serviceAccount'] as const).map(type => {
      const email =
        type === 'serviceAccount'
          ? 'dp-churn-model@acme-marketing.iam.gserviceaccount.com'
          : 'pat@example.com';
      return (
        run(grant({ consumer: { type, email } })).resources[0].resource
          .spec as any
      ).forProvider.member;
    });
    expect(members).toEqual([
      'user:pat@example.com',
      'group:pat@example.com',
      'serviceAccount:dp-churn-model@acme-marketing.iam.gserviceaccount.com',
    ]);
    const owner = compose(provisioned(), {
      project: 'p-123456',
      location: 'EU',
    })
      .filter(c => c.role === 'owner-impersonation')
      .map(c => (c.resource.spec as any).forProvider.member);
    expect(owner).toEqual(['user:ana@example.com']);
  });

  it('composes a grant of a product of no domain in default, without a domain label', () => {
    const result = run(
      grant({}, 'marketing-orders', 'default'),
      provisioned('customer-orders', 'default'),
    );
    expect(result.resources[0].resource.metadata.labels).not.toHaveProperty(
      'meshifi.io/domain',
    );
  });

  it('shares another layer only where the platform does', () => {
    const cleaned = grant({ layer: 'cleaned' });
    expect(() => run(cleaned)).toThrow(
      'The cleaned layer of a data product is not shared on this platform',
    );
    const policy = accessPolicyOf({
      access: { shareableLayers: ['curated', 'cleaned'] },
    });
    const result = run(cleaned, provisioned(), { policy });
    expect(result.resources[0].resource.metadata.name).toBe(
      'marketing-orders-cleaned-reader',
    );
    expect(
      (result.resources[0].resource.spec as any).forProvider.datasetId,
    ).toBe('customer_orders_cleaned');
  });

  it.each([
    [
      'the raw layer, not shared by default',
      () => run(grant({ layer: 'raw' })),
      'The raw layer of a data product is not shared on this platform: ask for the curated layer instead',
    ],
    [
      'an expiry beyond the maximum',
      () => run(grant({ expires: '2027-12-03' })),
      'The expiry date 2027-12-03 is more than 365 days away',
    ],
    [
      'a product that does not exist in the namespace',
      () => run(grant(), null),
      'There is no data product "customer-orders" in the namespace "sales": a grant gives access to a product of its own namespace only',
    ],
    [
      "a product of another domain's namespace",
      () => run(grant(), provisioned('customer-orders', 'finance')),
      'The data product "customer-orders" of the namespace "finance" is not the product "customer-orders" of the grant\'s namespace "sales"',
    ],
    [
      'another product than the one named',
      () => run(grant(), provisioned('other-orders')),
      'is not the product "customer-orders"',
    ],
    [
      'a product not provisioned yet',
      () => run(grant(), { ...provisioned(), status: {} }),
      'The data product "customer-orders" is not provisioned yet: the grant waits until it is',
    ],
    [
      "a product whose status names another product's dataset",
      () =>
        run(grant(), {
          ...provisioned(),
          status: {
            project: 'acme-sales-data',
            datasets: [
              {
                layer: 'curated',
                datasetId: 'payroll_curated',
                location: 'EU',
              },
            ],
          },
        }),
      'names the dataset "payroll_curated" for its curated layer, not its own "customer_orders_curated"',
    ],
    [
      'an invalid grant',
      () => run(grant({ consumer: { type: 'user', email: 'not an email' } })),
      'Consumer email: Give the email',
    ],
  ])('refuses %s, composing nothing', (_why, attempt, message) => {
    expect(attempt).toThrow(message);
  });

  it('composes nothing for a grant whose last day has ended, saying so', () => {
    const result = run(grant({ expires: '2026-12-01' }));
    expect(result).toMatchObject({
      ended: true,
      resources: [],
      status: { endsAt: '2026-12-02T00:00:00Z' },
      summary: expect.stringContaining('ended when 2026-12-01 ended (UTC)'),
    });
    // The last day itself still grants, until midnight UTC.
    expect(run(grant({ expires: '2026-12-02' })).ended).toBe(false);
    expect(
      run(grant({ expires: '2026-12-02' }), provisioned(), {
        now: new Date('2026-12-03T00:00:00Z'),
      }).ended,
    ).toBe(true);
  });

  it('never composes a member whose condition has already ended, for any day and clock', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -400, max: 400 }),
        (nowMs, offsetDays) => {
          const clock = new Date(nowMs);
          const expires = new Date(nowMs + offsetDays * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const outcome = (() => {
            try {
              return run(grant({ expires }), provisioned(), { now: clock });
            } catch (error) {
              return String(error);
            }
          })();
          const refused = typeof outcome === 'string';
          expect(refused).toBe(offsetDays > 365);
          expect(refused ? outcome : 'more than 365 days away').toContain(
            'more than 365 days away',
          );
          const members = refused ? [] : outcome.resources;
          const ends = members.map(composed =>
            Date.parse(
              (
                composed.resource.spec as any
              ).forProvider.condition.expression.match(/"(.*)"/)[1],
            ),
          );
          expect(ends.every(end => end > clock.getTime())).toBe(true);
          expect(members.length).toBe(!refused && offsetDays >= 0 ? 1 : 0);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('names what it composes DNS-safe, bounded and distinct for any grant names and layers', () => {
    const grantName = fc
      .stringMatching(/^[a-z]([-a-z0-9]{1,61}[a-z0-9])$/)
      .filter(n => n.length >= 3 && n.length <= 63);
    const policy = accessPolicyOf({
      access: { shareableLayers: MEDALLION_LAYERS },
    });
    fc.assert(
      fc.property(
        grantName,
        grantName,
        fc.constantFrom(...MEDALLION_LAYERS),
        fc.constantFrom(...MEDALLION_LAYERS),
        (a, b, layerA, layerB) => {
          const nameOf = (
            n: string,
            layer: (typeof MEDALLION_LAYERS)[number],
          ) =>
            run(grant({ layer }, n), provisioned(), { policy }).resources[0]
              .resource.metadata.name;
          const first = nameOf(a, layerA);
          expect(first).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
          expect(first.length).toBeLessThanOrEqual(
            63 + '-curated-reader'.length,
          );
          expect(nameOf(b, layerB) === first).toBe(
            a === b && layerA === layerB,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
