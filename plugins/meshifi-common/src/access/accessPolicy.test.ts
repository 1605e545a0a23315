import { DEFAULT_ACCESS_POLICY } from '../constants';
import { dataAccessManifest } from '../model/manifests';
import { DataAccessSpec } from '../model/types';
import { accessPolicyOf, accessPolicyProblems, layerOf } from './accessPolicy';

const now = new Date('2026-12-02T15:00:00Z');

const grant = (spec: Partial<DataAccessSpec> = {}) =>
  dataAccessManifest('marketing-orders', 'sales', {
    product: 'customer-orders',
    consumer: { type: 'group', email: 'marketing@example.com' },
    purpose: 'Campaign reporting on orders.',
    expires: '2027-03-31',
    ...spec,
  });

describe('the platform rules for grants', () => {
  it('shares the curated layer only, for at most 365 days, unless told otherwise', () => {
    expect(accessPolicyOf()).toEqual({
      shareableLayers: ['curated'],
      maxDays: 365,
    });
    expect(DEFAULT_ACCESS_POLICY.shareableLayers).not.toContain('raw');
    expect(
      accessPolicyOf({ access: { shareableLayers: ['curated', 'cleaned'] } }),
    ).toEqual({ shareableLayers: ['curated', 'cleaned'], maxDays: 365 });
  });

  it('reads the curated layer when a grant names none', () => {
    expect(layerOf(grant())).toBe('curated');
    expect(layerOf(grant({ layer: 'cleaned' }))).toBe('cleaned');
  });

  it('accepts a curated grant within the year', () => {
    expect(accessPolicyProblems(grant(), accessPolicyOf(), now)).toEqual([]);
    expect(
      accessPolicyProblems(
        grant({ expires: '2027-12-02' }),
        accessPolicyOf(),
        now,
      ),
    ).toEqual([]);
  });

  it('refuses a layer the platform does not share, naming the ones it does', () => {
    expect(
      accessPolicyProblems(grant({ layer: 'raw' }), accessPolicyOf(), now),
    ).toEqual([
      {
        path: 'spec.layer',
        message:
          'The raw layer of a data product is not shared on this platform: ask for the curated layer instead, or ask the platform team to share the raw layer.',
      },
    ]);
    expect(
      accessPolicyProblems(
        grant(),
        { shareableLayers: [], maxDays: 30 },
        now,
      )[0].message,
    ).toContain('no layer is');
  });

  it('refuses an expiry beyond the maximum, with the last day allowed', () => {
    expect(
      accessPolicyProblems(
        grant({ expires: '2027-12-03' }),
        accessPolicyOf(),
        now,
      ),
    ).toEqual([
      {
        path: 'spec.expires',
        message: expect.stringContaining(
          'more than 365 days away, the most the platform allows: pick 2027-12-02 or earlier',
        ),
      },
    ]);
  });
});
