import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ProvisionedResource, ProvisioningReport } from '@meshifi/common';
import { fireEvent, screen } from '@testing-library/react';
import { EventsThatMatterList } from './EventsThatMatterList';
import { ProductHeadlineLine } from './ProductHeadlineLine';

const product: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders', namespace: 'default' },
  spec: { domain: 'sales' },
};

const domain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name: 'sales', namespace: 'default' },
  spec: { owner: 'group:default/sales-analytics' },
};

const rawDataset = (problem?: string): ProvisionedResource => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'Dataset',
  name: 'orders-raw',
  key: 'dataset-raw',
  role: 'dataset',
  layer: 'raw',
  ready: !problem,
  synced: !problem,
  ...(problem ? { problem: { message: problem } } : {}),
  details: {
    project: 'acme-sales-data',
    datasetId: 'orders_raw',
    location: 'US',
  },
});

const report = (
  overrides: Partial<ProvisioningReport>,
): ProvisioningReport => ({
  state: 'degraded',
  reason: 'Something failed.',
  observedAt: '2026-12-01T10:00:00Z',
  clusters: [{ name: 'local', connection: 'live' }],
  resources: [],
  missing: [],
  events: [],
  ...overrides,
});

const wrap = (children: JSX.Element) => (
  <TestApiProvider
    apis={[
      [catalogApiRef, catalogApiMock({ entities: [product, domain] })],
      [
        configApiRef,
        mockApis.config({
          data: { meshifi: { platformTeam: 'group:default/data-platform' } },
        }),
      ],
    ]}
  >
    <EntityProvider entity={product}>{children}</EntityProvider>
  </TestApiProvider>
);

/** Renders with the catalog's entity pages mounted, for the links. */
const render = (element: JSX.Element) =>
  renderInTestApp(wrap(element), {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

const failure = (google: string) =>
  `create failed: async create failed: failed to create the resource: [{0 Error creating Dataset: googleapi: ${google}  []}]`;

describe('ProductHeadlineLine', () => {
  it('explains a permission failure and links the platform team, with Google’s words behind Details', async () => {
    const message = failure(
      'Error 403: Access Denied: Project acme-sales-data: User does not have bigquery.datasets.create permission in project acme-sales-data., accessDenied',
    );
    await render(
      <ProductHeadlineLine
        report={report({ resources: [rawDataset(message)] })}
      />,
    );
    expect(screen.getByTestId('product-headline')).toHaveAttribute(
      'data-verdict',
      'blocked',
    );
    expect(
      screen.getByText(
        "Blocked: Google Cloud refused to create the raw dataset: meshifi's platform account lacks a permission in the project acme-sales-data.",
      ),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('who-to-ask')).toHaveTextContent(
      'Ask data-platform.',
    );
    expect(screen.getByTestId('failure-details')).not.toBeVisible();
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    expect(screen.getByTestId('failure-details')).toHaveTextContent(
      'bigquery.datasets.create',
    );
  });

  it('lets the analyst fix a location an organisation forbids, pointing to the domain owners', async () => {
    const message = failure(
      'Error 412: Location US violates constraint constraints/gcp.resourceLocations on the resource projects/acme-sales-data., conditionNotMet',
    );
    await render(
      <ProductHeadlineLine
        report={report({ resources: [rawDataset(message)] })}
      />,
    );
    expect(screen.getByTestId('explained-failure')).toHaveAttribute(
      'data-failure',
      'location-not-allowed',
    );
    expect(await screen.findByTestId('who-to-ask')).toHaveTextContent(
      'If unsure, ask sales-analytics.',
    );
  });

  it('says where to write once ready', async () => {
    await render(
      <ProductHeadlineLine
        report={report({ state: 'ready', resources: [rawDataset()] })}
      />,
    );
    expect(screen.getByTestId('product-headline')).toHaveTextContent(
      'Ready: write to orders_raw; query in acme-sales-data',
    );
  });
});

describe('EventsThatMatterList', () => {
  it('says "No news" for a ready product whose events are all stale progress', async () => {
    await render(
      <EventsThatMatterList
        report={report({
          state: 'ready',
          resources: [rawDataset()],
          events: [
            {
              type: 'Normal',
              reason: 'ComposeResources',
              message: 'Composed resource "dataset-raw" is not yet ready',
              kind: 'DataProduct',
              name: 'orders',
              count: 4,
            },
          ],
        })}
      />,
    );
    expect(screen.getByText('No news.')).toBeInTheDocument();
  });
});
