import { InputError } from '@backstage/errors';
import { IAM_ROLES, LABELS } from '../constants';
import { dataDomainManifest, dataProductManifest } from '../model/manifests';
import { DataProduct, PlatformConfig } from '../model/types';
import { ValidationError } from '../validation/Problem';
import { compose } from './compose';

const platform: PlatformConfig = {
  project: 'meshifi-platform',
  location: 'EU',
};

const product = (overrides: Partial<DataProduct['spec']> = {}) =>
  dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com', 'bo@example.com'] },
    ...overrides,
  });

const byKind = (kind: string, resources: ReturnType<typeof compose>) =>
  resources.filter(r => r.resource.kind === kind);

const forProvider = (r: ReturnType<typeof compose>[number]) =>
  (r.resource.spec as { forProvider: Record<string, unknown> }).forProvider;

describe('compose', () => {
  it('composes exactly the resources a product needs', () => {
    const resources = compose(product(), platform);
    const kinds = resources.map(
      r => `${r.resource.apiVersion} ${r.resource.kind}`,
    );
    expect(kinds.sort()).toEqual(
      [
        ...Array(3).fill('bigquery.gcp.m.upbound.io/v1beta1 Dataset'),
        ...Array(3).fill('bigquery.gcp.m.upbound.io/v1beta1 DatasetIAMMember'),
        'cloudplatform.gcp.m.upbound.io/v1beta1 ServiceAccount',
        'cloudplatform.gcp.m.upbound.io/v1beta1 ProjectIAMMember',
        ...Array(2).fill(
          'cloudplatform.gcp.m.upbound.io/v1beta1 ServiceAccountIAMMember',
        ),
      ].sort(),
    );
  });

  it('makes the raw, cleaned and curated datasets with BigQuery ids', () => {
    const datasets = byKind('Dataset', compose(product(), platform));
    expect(
      datasets.map(
        d => d.resource.metadata.annotations?.['crossplane.io/external-name'],
      ),
    ).toEqual([
      'customer_orders_raw',
      'customer_orders_cleaned',
      'customer_orders_curated',
    ]);
    for (const dataset of datasets) {
      expect(forProvider(dataset)).toMatchObject({
        project: 'meshifi-platform',
        location: 'EU',
        deleteContentsOnDestroy: false,
      });
    }
  });

  it('lets the service account write to each dataset and run jobs', () => {
    const resources = compose(product(), platform);
    const email = 'dp-customer-orders@meshifi-platform.iam.gserviceaccount.com';
    expect(byKind('DatasetIAMMember', resources).map(forProvider)).toEqual(
      ['raw', 'cleaned', 'curated'].map(layer => ({
        project: 'meshifi-platform',
        datasetId: `customer_orders_${layer}`,
        role: IAM_ROLES.datasetWriter,
        member: `serviceAccount:${email}`,
      })),
    );
    expect(byKind('ProjectIAMMember', resources).map(forProvider)).toEqual([
      {
        project: 'meshifi-platform',
        role: 'roles/bigquery.jobUser',
        member: `serviceAccount:${email}`,
      },
    ]);
  });

  it('lets each owner impersonate the service account', () => {
    const members = byKind(
      'ServiceAccountIAMMember',
      compose(product(), platform),
    );
    expect(members.map(forProvider)).toEqual(
      ['ana@example.com', 'bo@example.com'].map(owner => ({
        serviceAccountId:
          'projects/meshifi-platform/serviceAccounts/dp-customer-orders@meshifi-platform.iam.gserviceaccount.com',
        role: 'roles/iam.serviceAccountTokenCreator',
        member: `user:${owner}`,
      })),
    );
    expect(members.map(m => m.owner)).toEqual([
      'ana@example.com',
      'bo@example.com',
    ]);
  });

  it('uses the project of the domain and the location of the product', () => {
    const domain = dataDomainManifest('sales', {
      owner: 'group:default/sales',
      gcpProject: 'acme-sales-data',
    });
    const resources = compose(
      product({ domain: 'sales', location: 'US' }),
      platform,
      domain,
    );
    for (const r of resources) {
      expect(JSON.stringify(forProvider(r))).not.toContain('meshifi-platform');
      expect(r.resource.metadata.labels).toMatchObject({
        [LABELS.dataProduct]: 'customer-orders',
        [LABELS.domain]: 'sales',
      });
    }
    expect(forProvider(byKind('Dataset', resources)[0])).toMatchObject({
      project: 'acme-sales-data',
      location: 'US',
    });
  });

  it('refuses a domain other than the product names', () => {
    const other = dataDomainManifest('finance', {
      owner: 'group:default/finance',
      gcpProject: 'acme-finance',
    });
    expect(() =>
      compose(product({ domain: 'sales' }), platform, other),
    ).toThrow(/belongs to the domain "sales", not "finance"/);
    expect(() =>
      compose(product({ domain: 'sales' }), platform, other),
    ).toThrow(InputError);
  });

  it('gives every resource a distinct key and Kubernetes name', () => {
    const owners = Array.from(
      { length: 20 },
      (_, i) => `owner${i}@example.com`,
    );
    const resources = compose(product({ access: { owners } }), platform);
    expect(new Set(resources.map(r => r.key)).size).toBe(resources.length);
    expect(new Set(resources.map(r => r.resource.metadata.name)).size).toBe(
      resources.length,
    );
    for (const r of resources) {
      expect(r.resource.metadata.name).toMatch(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      );
      expect(r.resource.metadata.name.length).toBeLessThanOrEqual(253);
    }
  });

  it('returns nothing but an error for an invalid product', () => {
    const bad = product({ access: { owners: ['not-an-email'] } });
    expect(() => compose(bad, platform)).toThrow(ValidationError);
    expect(() => compose(bad, platform)).toThrow(/email address/);
  });

  it('uses the provider config the platform names', () => {
    const resources = compose(product(), {
      ...platform,
      providerConfig: { kind: 'ProviderConfig', name: 'sales' },
    });
    for (const r of resources) {
      expect((r.resource.spec as any).providerConfigRef).toEqual({
        kind: 'ProviderConfig',
        name: 'sales',
      });
    }
  });
});
