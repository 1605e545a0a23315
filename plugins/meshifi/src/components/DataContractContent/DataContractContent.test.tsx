import { Entity } from '@backstage/catalog-model';
import { alertApiRef, configApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import {
  accessSignalChannel,
  AccessGrantView,
  BIGQUERY_COLUMN_TYPE_WORDS,
  OutputPort,
  productXrOf,
  ProvisionedResource,
  provisioningSignalChannel,
  ProvisioningReport,
  resourceNames,
} from '@meshifi/common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import { FakeSignalApi } from '../../hooks/__testUtils__/FakeSignalApi';
import { DataContractContent } from './DataContractContent';

const ordersPort: OutputPort = {
  name: 'orders',
  description: 'One row per order, as the shop took it.',
  contract: {
    columns: [
      { name: 'order_id', type: 'INT64', mode: 'REQUIRED' },
      {
        name: 'customer_email',
        type: 'STRING',
        description: 'Who ordered',
        personalData: true,
      },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      { name: 'amount', type: 'NUMERIC' },
    ],
    primaryKey: ['order_id'],
    freshness: { refreshEvery: '1h', maxDelay: '2h' },
    quality: [
      { rule: 'notNull', column: 'order_id' },
      { rule: 'unique', column: 'order_id' },
      { rule: 'rowCountAbove', value: 0 },
    ],
  },
};

const totalsPort: OutputPort = {
  name: 'daily_totals',
  contract: { columns: [{ name: 'day', type: 'DATE', mode: 'REQUIRED' }] },
};

const productWith = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-orders', namespace: 'default' },
  spec: { owners: ['ana@example.com'], ...spec } as Entity['spec'],
});

const ledger: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'ledger', namespace: 'default', title: 'Ledger' },
  spec: { outputPorts: [{ name: 'entries', contract: { columns: [] } }] },
};

const table = (
  port: string,
  state: Pick<ProvisionedResource, 'ready' | 'problem'>,
): ProvisionedResource => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'Table',
  name: resourceNames.table('customer-orders', port),
  role: 'table',
  synced: true,
  details: { project: 'acme-sales', datasetId: 'customer_orders_curated' },
  ...state,
});

const report = (
  overrides: Partial<ProvisioningReport> = {},
): ProvisioningReport => ({
  state: 'ready',
  reason: 'All resources are ready.',
  observedAt: '2026-11-21T10:00:00Z',
  clusters: [{ name: 'local', connection: 'live' }],
  resources: [table('orders', { ready: true })],
  missing: [
    {
      key: 'table-daily_totals',
      apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
      kind: 'Table',
      name: resourceNames.table('customer-orders', 'daily_totals'),
      role: 'table',
      summary: 'BigQuery table daily_totals',
    },
  ],
  events: [],
  ...overrides,
});

const productGrant = (
  overrides: Partial<AccessGrantView>,
): AccessGrantView => ({
  grantName: 'ledger-customer-orders',
  product: 'dataproduct:default/ledger',
  consumer: {
    type: 'serviceAccount',
    email: 'dp-customer-orders@acme-sales.iam.gserviceaccount.com',
    entityRef: 'dataproduct:default/customer-orders',
  },
  layer: 'curated',
  level: 'read',
  purpose: 'Orders joined to payments',
  expires: '2027-03-31',
  state: 'active',
  stateText: 'Active until 31 March 2027',
  mayDecide: false,
  ...overrides,
});

async function renderTab(
  entity: Entity,
  api: Partial<MeshifiApi> = {},
  alertApi = { post: jest.fn() },
  catalogApi = catalogApiMock({ entities: [ledger] }),
  signalApi = new FakeSignalApi(),
) {
  const meshifi: Partial<MeshifiApi> = {
    getProvisioning: jest.fn(async () => report()),
    getProductAccess: jest.fn(async () => ({ grants: [], mayApprove: false })),
    ...api,
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [meshifiApiRef, meshifi],
        [catalogApiRef, catalogApi],
        [alertApiRef, alertApi],
        [configApiRef, mockApis.config({ data: {} })],
        [signalApiRef, signalApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <DataContractContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { meshifi, alertApi };
}

/** The card of one output port, found by its heading. */
async function portCard(port: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { name: port });
  return heading.closest('.MuiCard-root') as HTMLElement;
}

const rowOf = (columns: HTMLElement, column: string) =>
  within(columns)
    .getAllByTestId('contract-column')
    .find(row => within(row).queryByText(column))!;

describe('DataContractContent', () => {
  it("lists a port's columns: what each holds, whether it always has a value, its description", async () => {
    await renderTab(productWith({ outputPorts: [ordersPort] }));
    expect(
      await screen.findByRole('heading', { name: 'Contract' }),
    ).toBeInTheDocument();
    const columns = await screen.findByRole('table', {
      name: 'Columns of orders',
    });
    const rows = within(columns).getAllByTestId('contract-column');
    expect(rows).toHaveLength(ordersPort.contract.columns.length);
    ordersPort.contract.columns.forEach((column, i) => {
      const cells = within(rows[i]).getAllByRole('cell');
      expect(cells[0]).toHaveTextContent(column.name);
      expect(cells[1]).toHaveTextContent(
        BIGQUERY_COLUMN_TYPE_WORDS[column.type],
      );
      expect(cells[1]).toHaveTextContent(column.type);
      expect(cells[3]).toHaveTextContent(column.description ?? '');
    });
    const modes = rows.map(row => within(row).getAllByRole('cell')[2]);
    expect(modes[0]).toHaveTextContent('Always has a value');
    expect(modes[1]).toHaveTextContent('May be empty');
    expect(modes[2]).toHaveTextContent('A list of values');
    expect(screen.getByText(ordersPort.description!)).toBeInTheDocument();
  });

  it('marks personal data and the key columns, and no others', async () => {
    await renderTab(productWith({ outputPorts: [ordersPort] }));
    const columns = await screen.findByRole('table', {
      name: 'Columns of orders',
    });
    expect(
      within(rowOf(columns, 'customer_email')).getByText('Personal data'),
    ).toBeVisible();
    expect(within(columns).getAllByText('Personal data')).toHaveLength(1);
    expect(within(rowOf(columns, 'order_id')).getByText('Key')).toBeVisible();
    expect(within(columns).getAllByText('Key')).toHaveLength(1);
  });

  it('says how fresh the data is kept and the checks it passes, in words', async () => {
    await renderTab(productWith({ outputPorts: [ordersPort, totalsPort] }));
    const orders = await portCard('orders');
    expect(
      within(orders).getByText('Refreshed every hour; late by at most 2 hours'),
    ).toBeVisible();
    const checks = within(orders).getByRole('list', {
      name: 'Checks of orders',
    });
    expect(
      within(checks)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'order_id is never empty',
      'order_id is unique',
      'The table has more than 0 rows',
    ]);
    const totals = await portCard('daily_totals');
    expect(
      within(totals).getByText('The contract promises no refresh schedule.'),
    ).toBeVisible();
    expect(
      within(totals).getByText('The contract promises no checks.'),
    ).toBeVisible();
  });

  it("shows each port's table as the live provisioning report has it", async () => {
    await renderTab(productWith({ outputPorts: [ordersPort, totalsPort] }));
    await waitFor(() =>
      expect(
        screen.getByRole('status', { name: 'State of the table orders' }),
      ).toHaveTextContent('Ready'),
    );
    expect(
      screen.getByRole('status', { name: 'State of the table daily_totals' }),
    ).toHaveTextContent('Not created yet');
  });

  it("follows the product's provisioning signal, as the Provisioning card does", async () => {
    const signals = new FakeSignalApi();
    const entity = productWith({ outputPorts: [ordersPort] });
    const answers = [
      report({
        state: 'provisioning',
        resources: [table('orders', { ready: false })],
      }),
      report(),
    ];
    await renderTab(
      entity,
      {
        getProvisioning: jest.fn(async () =>
          answers.length > 1 ? answers.shift()! : answers[0],
        ),
      },
      undefined,
      undefined,
      signals,
    );
    const state = await screen.findByRole('status', {
      name: 'State of the table orders',
    });
    await waitFor(() => expect(state).toHaveTextContent('Being created'));
    act(() =>
      signals.send(provisioningSignalChannel(productXrOf(entity)), {
        changed: true,
      }),
    );
    await waitFor(() => expect(state).toHaveTextContent('Ready'));
  });

  it("says a table is failing and explains the provider's refusal", async () => {
    await renderTab(productWith({ outputPorts: [ordersPort] }), {
      getProvisioning: async () =>
        report({
          state: 'degraded',
          resources: [
            table('orders', {
              ready: false,
              problem: {
                reason: 'ReconcileError',
                message:
                  'googleapi: Error 403: Access Denied: Dataset acme-sales:customer_orders_curated: Permission bigquery.tables.create denied',
              },
            }),
          ],
        }),
    });
    const state = await screen.findByRole('status', {
      name: 'State of the table orders',
    });
    await waitFor(() => expect(state).toHaveTextContent('Failing'));
  });

  it('says why a table is not there when the product is not in the cluster', async () => {
    await renderTab(productWith({ outputPorts: [ordersPort] }), {
      getProvisioning: async () =>
        report({ state: 'not-in-cluster', resources: [], missing: [] }),
    });
    const state = await screen.findByRole('status', {
      name: 'State of the table orders',
    });
    await waitFor(() =>
      expect(state).toHaveTextContent('Not in the cluster yet'),
    );
  });

  it('explains what an output port is to a product without any', async () => {
    await renderTab(productWith({}));
    expect(
      await screen.findByRole('heading', { name: 'No output port yet' }),
    ).toBeVisible();
    expect(
      screen.getByText('This product does not offer a table to others yet.'),
    ).toBeVisible();
    expect(screen.getByText(/optional step, Output table/)).toBeVisible();
    expect(screen.queryByRole('table', { name: /Columns of/ })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Download contract (ODCS)' }),
    ).toBeNull();
  });

  it('leaves out what is not shaped like a port rather than breaking', async () => {
    await renderTab(
      productWith({
        outputPorts: [ordersPort, 'orders', { contract: {} }, null],
        inputPorts: [{ product: 'ledger' }, 7],
      }),
    );
    expect(await portCard('orders')).toBeTruthy();
    expect(screen.getAllByRole('table', { name: /Columns of/ })).toHaveLength(
      1,
    );
    expect(
      screen.getByText(/This product reads no table of another data product/),
    ).toBeVisible();
  });

  describe('downloads', () => {
    const saved: string[] = [];
    beforeEach(() => {
      saved.length = 0;
      URL.createObjectURL = jest.fn(() => 'blob:contract');
      URL.revokeObjectURL = jest.fn();
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function record(this: HTMLAnchorElement) {
          saved.push(this.download);
        });
    });
    afterEach(() => jest.restoreAllMocks());

    it("saves a port's contract and the product's description, fetched through the API", async () => {
      const { meshifi } = await renderTab(
        productWith({ outputPorts: [ordersPort] }),
        {
          getContractFile: jest.fn(async () => ({
            fileName: 'customer-orders.orders.odcs.yaml',
            content: new Blob(['apiVersion: v3.1.0\n']),
          })),
          getProductFile: jest.fn(async () => ({
            fileName: 'customer-orders.odps.yaml',
            content: new Blob(['apiVersion: v1.0.0\n']),
          })),
        },
      );
      const orders = await portCard('orders');
      fireEvent.click(
        within(orders).getByRole('button', {
          name: 'Download contract (ODCS)',
        }),
      );
      await waitFor(() =>
        expect(saved).toEqual(['customer-orders.orders.odcs.yaml']),
      );
      expect(meshifi.getContractFile).toHaveBeenCalledWith(
        { kind: 'DataProduct', namespace: 'default', name: 'customer-orders' },
        'orders',
      );
      fireEvent.click(
        screen.getByRole('button', { name: 'Download product (ODPS)' }),
      );
      await waitFor(() =>
        expect(saved).toEqual([
          'customer-orders.orders.odcs.yaml',
          'customer-orders.odps.yaml',
        ]),
      );
    });

    it("says in the backend's words why a file could not be downloaded", async () => {
      const { alertApi } = await renderTab(
        productWith({ outputPorts: [ordersPort] }),
        {
          getContractFile: async () => {
            throw await ResponseError.fromResponse(
              new Response(
                JSON.stringify({
                  error: {
                    name: 'NotAllowedError',
                    message: 'You may not read this product.',
                  },
                  response: { statusCode: 403 },
                }),
                {
                  status: 403,
                  headers: { 'Content-Type': 'application/json' },
                },
              ),
            );
          },
        },
      );
      fireEvent.click(
        await screen.findByRole('button', { name: 'Download contract (ODCS)' }),
      );
      await waitFor(() =>
        expect(alertApi.post).toHaveBeenCalledWith({
          severity: 'error',
          message:
            'Could not download the contract of orders: You may not read this product.',
        }),
      );
      expect(saved).toEqual([]);
    });
  });

  describe('inputs', () => {
    const reader = productWith({
      outputPorts: [ordersPort],
      inputPorts: [{ product: 'ledger', port: 'entries' }],
    });

    it('links each input to its product and its table, and offers to ask for access without a grant', async () => {
      const { meshifi } = await renderTab(reader);
      const inputs = await screen.findByRole('table', { name: 'Inputs' });
      const [row] = within(inputs).getAllByTestId('input-port');
      await waitFor(() =>
        expect(within(row).getByText(/No access grant yet/)).toBeVisible(),
      );
      expect(within(row).getByRole('link', { name: 'Ledger' })).toHaveAttribute(
        'href',
        '/catalog/default/dataproduct/ledger',
      );
      expect(
        within(row).getByRole('link', { name: 'entries' }),
      ).toHaveAttribute('href', '/catalog/default/api/ledger.entries');
      const request = within(row).getByRole('link', { name: 'request access' });
      const formData = JSON.parse(
        new URL(request.getAttribute('href')!, 'http://x').searchParams.get(
          'formData',
        )!,
      );
      expect(formData).toEqual({
        product: 'dataproduct:default/ledger',
        consumer: 'dataproduct:default/customer-orders',
      });
      expect(within(row).queryByText(/Not in the catalog/)).toBeNull();
      expect(meshifi.getProductAccess).toHaveBeenCalledWith({
        kind: 'DataProduct',
        namespace: 'default',
        name: 'ledger',
      });
    });

    it("shows the product's own grant, not another reader's nor a declined one", async () => {
      await renderTab(reader, {
        getProductAccess: async () => ({
          mayApprove: false,
          grants: [
            productGrant({
              consumer: {
                type: 'user',
                email: 'ana@example.com',
                entityRef: 'user:default/ana',
              },
            }),
            productGrant({ state: 'declined', stateText: 'Declined' }),
            productGrant({
              state: 'awaiting-approval',
              stateText: 'Awaiting approval by the owners',
            }),
          ],
        }),
      });
      const inputs = await screen.findByRole('table', { name: 'Inputs' });
      await waitFor(() =>
        expect(
          within(inputs).getByText('Awaiting approval by the owners'),
        ).toBeVisible(),
      );
      expect(within(inputs).getByTestId('access-state')).toHaveTextContent(
        'Awaiting approval',
      );
      expect(within(inputs).queryByText(/No access grant yet/)).toBeNull();
    });

    it("follows the read product's access signal, as its Access card does", async () => {
      const signals = new FakeSignalApi();
      const answers = [
        { mayApprove: false, grants: [] },
        { mayApprove: false, grants: [productGrant({})] },
      ];
      await renderTab(
        reader,
        {
          getProductAccess: jest.fn(async () =>
            answers.length > 1 ? answers.shift()! : answers[0],
          ),
        },
        undefined,
        undefined,
        signals,
      );
      const inputs = await screen.findByRole('table', { name: 'Inputs' });
      await waitFor(() =>
        expect(within(inputs).getByText(/No access grant yet/)).toBeVisible(),
      );
      act(() =>
        signals.send(accessSignalChannel(productXrOf(ledger)), {
          changed: true,
        }),
      );
      await waitFor(() =>
        expect(
          within(inputs).getByText('Active until 31 March 2027'),
        ).toBeVisible(),
      );
      expect(within(inputs).queryByText(/No access grant yet/)).toBeNull();
    });

    it('says when a product it reads is not in the catalog', async () => {
      await renderTab(
        productWith({ inputPorts: [{ product: 'gone', port: 'entries' }] }),
      );
      const inputs = await screen.findByRole('table', { name: 'Inputs' });
      await waitFor(() =>
        expect(within(inputs).getByText(/Not in the catalog/)).toBeVisible(),
      );
      expect(
        within(inputs).getByText(
          'Cannot be checked: the product is not in the catalog',
        ),
      ).toBeVisible();
    });

    it('says it could not check when the catalog fails', async () => {
      await renderTab(
        reader,
        {},
        undefined,
        catalogApiMock.mock({
          getEntitiesByRefs: async () => {
            throw new Error('The catalog is not answering.');
          },
        }),
      );
      const inputs = await screen.findByRole('table', { name: 'Inputs' });
      await waitFor(() =>
        expect(
          within(inputs).getByText(
            'Could not be checked just now: The catalog is not answering.',
          ),
        ).toBeVisible(),
      );
      expect(within(inputs).queryByText(/Not in the catalog/)).toBeNull();
    });

    it('takes a grant on another layer for no grant', async () => {
      await renderTab(reader, {
        getProductAccess: async () => ({
          mayApprove: false,
          grants: [productGrant({ layer: 'cleaned' })],
        }),
      });
      const inputs = await screen.findByRole('table', { name: 'Inputs' });
      await waitFor(() =>
        expect(within(inputs).getByText(/No access grant yet/)).toBeVisible(),
      );
    });

    it('says it could not check when the access report fails', async () => {
      await renderTab(reader, {
        getProductAccess: async () => {
          throw new Error('The cluster cannot be reached.');
        },
      });
      const inputs = await screen.findByRole('table', { name: 'Inputs' });
      await waitFor(() =>
        expect(
          within(inputs).getByText(
            'Could not be checked just now: The cluster cannot be reached.',
          ),
        ).toBeVisible(),
      );
    });
  });
});
