import { parse } from 'yaml';
import { dbtProfilesYml } from './profilesYml';
import { contextOf } from './__testUtils__/dbtFixtures';

describe('dbtProfilesYml', () => {
  it('gives the meshifi profile a prod target and an owner target that impersonates the service account', () => {
    const context = contextOf();
    const profiles = parse(dbtProfilesYml(context));
    const prod = {
      type: 'bigquery',
      method: 'oauth',
      project: context.project,
      dataset: context.datasets.cleaned,
      location: context.location,
      threads: 4,
    };
    expect(profiles).toEqual({
      meshifi: {
        target: 'prod',
        outputs: {
          prod,
          owner: {
            ...prod,
            impersonate_service_account: context.serviceAccountEmail,
          },
        },
      },
    });
    expect(context.project).toBe('acme-sales');
    expect(context.location).toBe('europe-west2');
  });

  it('tells the owner, in a comment, how to run with their own credentials', () => {
    const text = dbtProfilesYml(contextOf());
    expect(text).toMatch(/^# dbt profiles of the data product customer-orders/);
    expect(text).toContain('dbt build --target owner');
  });
});
