import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import { PRODUCT_STATES_REFRESH_MS } from '../DataMesh';
import {
  customerOrders,
  finance,
  ledger,
  revenueDaily,
  sales,
  scratch,
  stateOf,
} from '../DataMesh/testData';
import { HomePageView } from './HomePage';

const CREATE_LINK = '/create/templates/default/data-product';

const allStates = [
  stateOf('customer-orders', 'ready'),
  stateOf('revenue-daily', 'provisioning'),
  stateOf('ledger', 'degraded'),
  stateOf('scratch', 'not-in-cluster'),
];

function meshifiApi(
  getProductStates: MeshifiApi['getProductStates'],
): MeshifiApi {
  return {
    getProvisioning: jest.fn(),
    getProductStates: jest.fn(getProductStates),
  } as unknown as MeshifiApi;
}

async function renderHome(
  options: {
    entities?: Entity[];
    api?: MeshifiApi;
    ownershipEntityRefs?: string[];
  } = {},
) {
  const api = options.api ?? meshifiApi(async () => allStates);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          catalogApiRef,
          catalogApiMock({
            entities: options.entities ?? [
              sales,
              finance,
              customerOrders,
              revenueDaily,
              ledger,
              scratch,
            ],
          }),
        ],
        [meshifiApiRef, api],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:development/guest',
            ownershipEntityRefs: options.ownershipEntityRefs ?? [
              'user:development/guest',
              'group:default/sales-analytics',
            ],
          }),
        ],
      ]}
    >
      <HomePageView createLink={CREATE_LINK} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

const table = (domainTitle: string) =>
  screen.getByRole('table', { name: `Data products of ${domainTitle}` });

/** Each row's product title and state badge, in order. */
const rowsOf = (domainTitle: string) =>
  within(table(domainTitle))
    .getAllByTestId('data-product-row')
    .map(row => [
      within(row).getAllByRole('link')[0].textContent,
      within(row).getByTestId('product-state').textContent,
    ]);

const shownTables = () =>
  screen.queryAllByRole('table').map(t => t.getAttribute('aria-label'));

describe('HomePage', () => {
  afterEach(() => jest.useRealTimers());

  it('lists the data products by domain with their owners and states', async () => {
    const api = await renderHome();
    await screen.findByText('Ready');
    expect(shownTables()).toEqual([
      'Data products of Finance',
      'Data products of Sales',
      'Data products of No domain',
    ]);
    expect(rowsOf('Sales')).toEqual([
      ['Customer orders', 'Ready'],
      ['Daily revenue', 'Being created'],
    ]);
    expect(rowsOf('Finance')).toEqual([['General ledger', 'Failing']]);
    expect(rowsOf('No domain')).toEqual([
      ['Scratch pad', 'Not in the cluster yet'],
    ]);
    expect(within(table('Sales')).getAllByText('sales-analytics')).toHaveLength(
      2,
    );
    expect(within(table('Sales')).getByText('customer-orders')).toBeVisible();
    // One request for every product's state.
    expect(api.getProductStates).toHaveBeenCalledTimes(1);
    expect((api.getProductStates as jest.Mock).mock.calls[0][0].sort()).toEqual(
      [
        'dataproduct:default/customer-orders',
        'dataproduct:default/ledger',
        'dataproduct:default/revenue-daily',
        'dataproduct:default/scratch',
      ],
    );
    expect(
      screen.getByRole('button', { name: 'Create a data product' }),
    ).toHaveAttribute('href', CREATE_LINK);
  });

  it('shows only what the user or their groups own under "My data products"', async () => {
    await renderHome();
    await screen.findByText('Ready');
    const mine = screen.getByRole('checkbox', { name: 'My data products' });
    await act(async () => {
      fireEvent.click(mine);
    });
    expect(shownTables()).toEqual(['Data products of Sales']);
    expect(rowsOf('Sales').map(([title]) => title)).toEqual([
      'Customer orders',
      'Daily revenue',
    ]);
    await act(async () => {
      fireEvent.click(mine);
    });
    expect(shownTables()).toHaveLength(3);
  });

  it('invites a user who owns nothing to create a product', async () => {
    await renderHome({ ownershipEntityRefs: ['user:default/bo'] });
    await screen.findByText('Ready');
    await act(async () => {
      fireEvent.click(
        screen.getByRole('checkbox', { name: 'My data products' }),
      );
    });
    expect(shownTables()).toEqual([]);
    expect(screen.getByText('You own no data products yet')).toBeVisible();
    expect(
      screen.getAllByRole('button', { name: 'Create a data product' }),
    ).toHaveLength(2);
  });

  it('filters by name, title or description as the user types', async () => {
    await renderHome();
    await screen.findByText('Ready');
    const search = screen.getByRole('searchbox', {
      name: 'Search data products',
    });
    fireEvent.change(search, { target: { value: 'COUNTRY' } });
    expect(shownTables()).toEqual(['Data products of Sales']);
    expect(rowsOf('Sales').map(([title]) => title)).toEqual(['Daily revenue']);
    fireEvent.change(search, { target: { value: 'ledger' } });
    expect(shownTables()).toEqual(['Data products of Finance']);
    fireEvent.change(search, { target: { value: 'nothing like it' } });
    expect(shownTables()).toEqual([]);
    expect(
      screen.getByText('No data product matches "nothing like it"'),
    ).toBeVisible();
  });

  it('says there are no products yet, with the way to create one', async () => {
    const api = await renderHome({ entities: [sales, finance] });
    expect(await screen.findByText('No data products yet')).toBeVisible();
    expect(
      screen.getAllByRole('button', { name: 'Create a data product' }),
    ).toHaveLength(2);
    expect(api.getProductStates).not.toHaveBeenCalled();
  });

  it('shows "Unknown" for every product when the states request fails, and still lists them', async () => {
    await renderHome({
      api: meshifiApi(async () => {
        throw await ResponseError.fromResponse({
          status: 503,
          statusText: 'Service Unavailable',
          headers: new Headers({ 'content-type': 'application/json' }),
          text: async () =>
            JSON.stringify({
              error: { name: 'Error', message: 'The backend is restarting.' },
              response: { statusCode: 503 },
            }),
        } as Response);
      }),
    });
    expect(
      await screen.findByText(
        /The states could not be read just now; they show as Unknown/,
      ),
    ).toBeVisible();
    expect(screen.getByText('The backend is restarting.')).toBeVisible();
    expect(rowsOf('Sales')).toEqual([
      ['Customer orders', 'Unknown'],
      ['Daily revenue', 'Unknown'],
    ]);
  });

  it('shows "Unknown" for a product the states answer leaves out', async () => {
    await renderHome({
      api: meshifiApi(async () => [stateOf('customer-orders', 'ready')]),
    });
    await screen.findByText('Ready');
    expect(rowsOf('Sales')).toEqual([
      ['Customer orders', 'Ready'],
      ['Daily revenue', 'Unknown'],
    ]);
  });

  it('asks for the states again every 30 seconds', async () => {
    jest.useFakeTimers();
    let ready = false;
    const api = await renderHome({
      api: meshifiApi(async () => [
        stateOf('revenue-daily', ready ? 'ready' : 'provisioning'),
      ]),
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(100);
    });
    expect(rowsOf('Sales')[1]).toEqual(['Daily revenue', 'Being created']);
    ready = true;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(PRODUCT_STATES_REFRESH_MS - 1_000);
    });
    expect(api.getProductStates).toHaveBeenCalledTimes(1);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_100);
    });
    expect(api.getProductStates).toHaveBeenCalledTimes(2);
    expect(rowsOf('Sales')[1]).toEqual(['Daily revenue', 'Ready']);
  });
});
