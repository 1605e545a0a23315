import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { configApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  compose,
  CROSSPLANE_ANNOTATIONS,
  dataProductManifest,
  ProvisionedResource,
  ProvisioningReport,
} from '@meshifi/common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import { FALLBACK_REFRESH_INTERVAL_MS } from '../../hooks/useProvisioning';
import { ProvisioningCard } from './ProvisioningCard';

const entity: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-orders', namespace: 'default' },
  spec: {},
};

const expected = compose(
  dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
  }),
  { project: 'acme-sales', location: 'EU' },
);

/** The resources as the status API reports them, all in one state. */
const resources = (
  state: Pick<ProvisionedResource, 'ready' | 'synced' | 'problem'>,
): ProvisionedResource[] =>
  expected.map(e => {
    const forProvider = (e.resource.spec as any).forProvider;
    const externalName =
      e.resource.metadata.annotations?.[CROSSPLANE_ANNOTATIONS.externalName];
    return {
      apiVersion: e.resource.apiVersion,
      kind: e.resource.kind,
      name: e.resource.metadata.name,
      key: e.key,
      role: e.role,
      layer: e.layer,
      externalName,
      ...state,
      details: {
        project: forProvider.project,
        datasetId: e.role === 'dataset' ? externalName : undefined,
        location: forProvider.location,
        email:
          e.role === 'service-account'
            ? `${externalName}@acme-sales.iam.gserviceaccount.com`
            : undefined,
        role: forProvider.role,
        member: forProvider.member,
        resource:
          forProvider.datasetId ??
          forProvider.serviceAccountId ??
          forProvider.project,
      },
    };
  });

const report = (
  overrides: Partial<ProvisioningReport>,
): ProvisioningReport => ({
  state: 'provisioning',
  reason: 'Creating resources in Google Cloud: 0 of 9 ready.',
  observedAt: '2026-11-21T10:00:00Z',
  clusters: [{ name: 'local', connection: 'live' }],
  resources: [],
  missing: [],
  events: [],
  ...overrides,
});

/** Waits until the card shows the state (the first render can be slow). */
const expectState = (label: string) =>
  waitFor(
    () =>
      expect(screen.getByTestId('provisioning-state')).toHaveTextContent(label),
    { timeout: 5000 },
  );

async function renderCard(api: Partial<MeshifiApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [meshifiApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [
          configApiRef,
          mockApis.config({
            data: { meshifi: { platformTeam: 'group:default/data-platform' } },
          }),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <ProvisioningCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const answering = (...answers: Array<ProvisioningReport | Error>) => {
  const getProvisioning = jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  });
  return { getProvisioning };
};

describe('ProvisioningCard', () => {
  // Tests with fake timers come last: timers the app shell creates under
  // them would never fire for a later test.
  afterEach(() => jest.useRealTimers());

  it('says the product is not in the cluster yet, and lists what will be made', async () => {
    await renderCard(
      answering(
        report({
          state: 'not-in-cluster',
          reason:
            'The product is in Git but not in the cluster yet: the GitOps sync has not applied it.',
          missing: expected.map(e => ({
            key: e.key,
            apiVersion: e.resource.apiVersion,
            kind: e.resource.kind,
            name: e.resource.metadata.name,
            role: e.role,
            summary: e.summary,
          })),
        }),
      ),
    );
    await expectState('Not in the cluster yet');
    expect(
      screen.getByText(/GitOps sync has not applied it/),
    ).toBeInTheDocument();
    const pending = screen.getByRole('list', { name: 'Not created yet' });
    expect(within(pending).getAllByRole('listitem')).toHaveLength(
      expected.length,
    );
    expect(
      within(pending).getByText(
        'BigQuery dataset customer_orders_raw (raw layer) in EU, project acme-sales',
      ),
    ).toBeInTheDocument();
  });

  it("says the platform could not apply the product's own file, and who can help", async () => {
    await renderCard(
      answering(
        report({
          state: 'ready',
          reason: 'All resources are ready.',
          xr: {
            apiVersion: 'meshifi.io/v1alpha1',
            kind: 'DataProduct',
            namespace: 'sales',
            name: 'orders',
            conditions: [],
          },
          resources: resources({ ready: true, synced: true }),
          gitopsApply: {
            state: 'file-failed',
            file: 'domains/sales/products/orders.yaml',
            reason:
              'failed to decode Kubernetes YAML from domains/sales/products/orders.yaml: MalformedYAMLError: yaml: line 3: did not find expected node content',
          },
        }),
      ),
    );
    await expectState('Ready');
    const notice = screen.getByTestId('gitops-apply');
    expect(
      within(notice).getByText(
        "Error: This data product's file could not be applied",
      ),
    ).toBeInTheDocument();
    expect(notice).toHaveTextContent(
      "The platform could not apply this data product's file domains/sales/products/orders.yaml: failed to decode Kubernetes YAML from domains/sales/products/orders.yaml: MalformedYAMLError: yaml: line 3: did not find expected node content. Ask your platform team, or fix the file in the GitOps repository.",
    );
  });

  it('says a sibling file holds a new product back, once, instead of asking to wait', async () => {
    const sentence =
      'Changes to the data products of sales are held back: the file domains/sales/products/broken.yaml could not be applied. This product is created once that is fixed. Ask your platform team if it stays so.';
    await renderCard(
      answering(
        report({
          state: 'not-in-cluster',
          reason: sentence,
          gitopsApply: {
            state: 'held-back',
            domain: 'sales',
            file: 'domains/sales/products/broken.yaml',
            reason: 'MalformedYAMLError',
          },
        }),
      ),
    );
    await expectState('Not in the cluster yet');
    const notice = screen.getByTestId('gitops-apply');
    expect(
      within(notice).getByText(
        "Warning: Changes to this domain's data products are held back",
      ),
    ).toBeInTheDocument();
    expect(notice).toHaveTextContent(sentence);
    expect(screen.getAllByText(sentence)).toHaveLength(1);
    expect(screen.queryByTestId('provisioning-reason')).not.toBeInTheDocument();
    expect(screen.queryByText(/pick it up shortly/)).not.toBeInTheDocument();
  });

  it('says nothing of the GitOps sync while it applies', async () => {
    await renderCard(
      answering(
        report({
          state: 'not-in-cluster',
          reason:
            'The product is in Git but not in the cluster yet: the GitOps sync has not applied it.',
          gitopsApply: { state: 'applying' },
        }),
      ),
    );
    await expectState('Not in the cluster yet');
    expect(screen.queryByTestId('gitops-apply')).not.toBeInTheDocument();
    expect(screen.getByTestId('provisioning-reason')).toHaveTextContent(
      /GitOps sync has not applied it/,
    );
  });

  it('says when the cluster cannot be reached', async () => {
    await renderCard(
      answering(
        report({
          state: 'unreachable',
          reason:
            'Cannot reach the cluster local since 2026-11-21T09:58:00.000Z: ECONNREFUSED.',
          clusters: [{ name: 'local', connection: 'unreachable' }],
        }),
      ),
    );
    await expectState('Cluster unreachable');
    expect(
      screen.getByText(/Cannot reach the cluster local/),
    ).toBeInTheDocument();
  });

  it("explains a failing dataset, with the provider's message behind Details", async () => {
    const failing = resources({ ready: true, synced: true });
    const message =
      'googleapi: Error 403: Access Denied: Project acme-sales: User does not have bigquery.datasets.create permission';
    failing[0] = {
      ...failing[0],
      ready: false,
      synced: false,
      problem: { reason: 'ReconcileError', message },
    };
    await renderCard(
      answering(
        report({
          state: 'degraded',
          reason: `1 resource failing. Dataset customer-orders-raw: ${message}`,
          resources: failing,
        }),
      ),
    );
    await expectState('Partly failing');
    const datasets = screen.getByRole('table', { name: 'BigQuery datasets' });
    const raw = within(datasets)
      .getByText('customer_orders_raw')
      .closest('tr')!;
    expect(within(raw).getByText('Failing')).toBeInTheDocument();
    expect(
      within(raw).getByText(
        "Google Cloud refused to create the raw dataset: meshifi's platform account lacks a permission in the project acme-sales.",
      ),
    ).toBeInTheDocument();
    expect(within(raw).getByTestId('failure-details')).not.toBeVisible();
    fireEvent.click(within(raw).getByRole('button', { name: 'Details' }));
    expect(within(raw).getByText(message)).toBeVisible();
    expect(screen.getByTestId('product-headline')).toHaveAttribute(
      'data-verdict',
      'blocked',
    );
    expect(screen.queryByTestId('provisioning-reason')).toBeNull();
    expect(await screen.findAllByTestId('who-to-ask')).not.toHaveLength(0);
  });

  it('shows no stale progress on a ready product, only the news', async () => {
    await renderCard(
      answering(
        report({
          state: 'ready',
          reason: 'All 9 resources are ready.',
          resources: resources({ ready: true, synced: true }),
          events: [
            {
              type: 'Normal',
              reason: 'ComposeResources',
              message:
                'Composed resource "dataset-writer-raw" is not yet ready',
              kind: 'DataProduct',
              name: 'customer-orders',
              count: 3,
            },
            {
              type: 'Normal',
              reason: 'SelectComposition',
              message:
                'Selected composition revision: dataproducts.meshifi.io-e2d26ee',
              kind: 'DataProduct',
              name: 'customer-orders',
              count: 1,
            },
          ],
        }),
      ),
    );
    await expectState('Ready');
    expect(screen.getByText('No news.')).toBeInTheDocument();
    expect(screen.queryByText(/is not yet ready/)).toBeNull();
    expect(screen.queryByText(/composition revision/)).toBeNull();
  });

  it('says when the user may not see the product, and stops asking', async () => {
    jest.useFakeTimers();
    const api = answering(
      await ResponseError.fromResponse({
        status: 403,
        statusText: 'Forbidden',
        headers: new Headers({ 'content-type': 'application/json' }),
        text: async () =>
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You may not see this data product.',
            },
            response: { statusCode: 403 },
          }),
      } as Response),
    );
    await renderCard(api);
    expect(
      await screen.findByText(
        /You may not see what was provisioned for this product/,
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('You may not see this data product.'),
    ).toBeInTheDocument();
    await act(async () => {
      jest.advanceTimersByTime(FALLBACK_REFRESH_INTERVAL_MS * 3);
    });
    expect(api.getProvisioning).toHaveBeenCalledTimes(1);
  });

  it('refreshes without signals, and keeps refreshing once all are ready', async () => {
    jest.useFakeTimers();
    const api = answering(
      report({ resources: resources({ ready: false, synced: true }) }),
      report({
        state: 'ready',
        reason: 'All 9 resources are ready.',
        resources: resources({ ready: true, synced: true }),
      }),
    );
    await renderCard(api);
    await expectState('Being created');
    await act(async () => {
      jest.advanceTimersByTime(FALLBACK_REFRESH_INTERVAL_MS);
    });
    await expectState('Ready');
    expect(screen.getByText('All 9 resources are ready.')).toBeInTheDocument();
    // A failure after Ready must still reach the page.
    await act(async () => {
      jest.advanceTimersByTime(FALLBACK_REFRESH_INTERVAL_MS);
    });
    expect(api.getProvisioning).toHaveBeenCalledTimes(3);

    const datasets = screen.getByRole('table', { name: 'BigQuery datasets' });
    expect(
      within(datasets).getByText('customer_orders_curated').closest('a'),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('console.cloud.google.com/bigquery'),
    );
    expect(
      screen.getByText('dp-customer-orders@acme-sales.iam.gserviceaccount.com'),
    ).toBeInTheDocument();
    const access = screen.getByRole('list', { name: 'Who can do what' });
    expect(
      within(access).getByText(
        'ana@example.com may act as dp-customer-orders@acme-sales.iam.gserviceaccount.com',
      ),
    ).toBeInTheDocument();
    expect(
      within(access).getByText(
        'dp-customer-orders@acme-sales.iam.gserviceaccount.com may write to the dataset customer_orders_raw',
      ),
    ).toBeInTheDocument();
  });
});
