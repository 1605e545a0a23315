import {
  ProvisionedResource,
  ProvisioningReport,
} from '../status/provisioningReport';
import { productHeadline } from './productHeadline';

const rawDataset: ProvisionedResource = {
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'Dataset',
  name: 'orders-raw',
  role: 'dataset',
  layer: 'raw',
  ready: true,
  synced: true,
  details: { project: 'acme-sales-data', datasetId: 'orders_raw' },
};
const account: ProvisionedResource = {
  apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
  kind: 'ServiceAccount',
  name: 'dp-orders',
  role: 'service-account',
  ready: true,
  synced: true,
  details: { email: 'dp-orders@acme-sales-data.iam.gserviceaccount.com' },
};

const report = (
  overrides: Partial<ProvisioningReport>,
): ProvisioningReport => ({
  state: 'ready',
  reason: 'All resources are ready.',
  observedAt: '2026-12-01T10:00:00Z',
  clusters: [{ name: 'local', connection: 'live' }],
  resources: [rawDataset, account],
  missing: [],
  events: [],
  ...overrides,
});

describe('productHeadline', () => {
  it('says where to write and query once ready', () => {
    expect(productHeadline(report({}))).toEqual({
      verdict: 'ready',
      text: 'Ready: write to orders_raw as dp-orders@acme-sales-data.iam.gserviceaccount.com; query in acme-sales-data',
    });
  });

  it('counts what is still being created', () => {
    expect(
      productHeadline(
        report({
          state: 'provisioning',
          resources: [rawDataset, { ...account, ready: false }],
          missing: [
            {
              key: 'dataset-cleaned',
              apiVersion: rawDataset.apiVersion,
              kind: 'Dataset',
              name: 'orders-cleaned',
              role: 'dataset',
              summary: 'BigQuery dataset orders_cleaned',
            },
          ],
        }),
      ).text,
    ).toBe(
      'Not yet: 2 of 3 resources are being created (usually under a minute).',
    );
  });

  it('explains what blocks the product, naming the resource by its purpose', () => {
    const message =
      'create failed: async create failed: failed to create the resource: [{0 Error creating Dataset: googleapi: Error 403: BigQuery API has not been used in project 123456789012 before or it is disabled., accessNotConfigured  []}]';
    const headline = productHeadline(
      report({
        state: 'degraded',
        resources: [
          { ...rawDataset, ready: false, synced: false, problem: { message } },
          account,
        ],
      }),
    );
    expect(headline).toMatchObject({
      verdict: 'blocked',
      text: 'Blocked: Google Cloud could not create the raw dataset because the BigQuery API is switched off in the project acme-sales-data.',
      failure: { id: 'api-disabled', fixer: 'platform-team', details: message },
    });
  });

  it('says a product not applied yet is coming, unless a file keeps it out', () => {
    const notApplied = report({ state: 'not-in-cluster', resources: [] });
    expect(productHeadline(notApplied).text).toMatch(/pick it up shortly/);
    expect(
      productHeadline({ ...notApplied, gitopsApply: { state: 'applying' } })
        .text,
    ).toMatch(/pick it up shortly/);
    expect(
      productHeadline({
        ...notApplied,
        gitopsApply: {
          state: 'held-back',
          domain: 'sales',
          file: 'domains/sales/products/broken.yaml',
          reason: 'yaml: line 3',
        },
      }),
    ).toEqual({
      verdict: 'not-yet',
      text: 'Not yet: it is saved, but the platform cannot apply it until a file in the GitOps repository is fixed.',
    });
  });

  it('passes on the reason when no cluster can tell', () => {
    expect(
      productHeadline(
        report({
          state: 'platform-starting',
          reason: 'The local platform is starting.',
          resources: [],
        }),
      ),
    ).toEqual({ verdict: 'unknown', text: 'The local platform is starting.' });
  });
});
