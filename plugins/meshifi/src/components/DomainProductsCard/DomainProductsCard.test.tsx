import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import {
  customerOrders,
  finance,
  ledger,
  revenueDaily,
  sales,
  scratch,
  stateOf,
} from '../DataMesh/testData';
import { DomainProductsCard } from './DomainProductsCard';

async function renderCard(domain: Entity, entities: Entity[]) {
  const api = {
    getProvisioning: jest.fn(),
    getProductStates: jest.fn(async () => [
      stateOf('customer-orders', 'failed'),
      stateOf('revenue-daily', 'ready'),
    ]),
  } as unknown as MeshifiApi;
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [meshifiApiRef, api],
      ]}
    >
      <EntityProvider entity={domain}>
        <DomainProductsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('DomainProductsCard', () => {
  it("lists the domain's products, and only those, with their states", async () => {
    const unprocessed = {
      ...revenueDaily,
      relations: undefined,
    };
    const api = await renderCard(sales, [
      sales,
      finance,
      customerOrders,
      unprocessed,
      ledger,
      scratch,
    ]);
    await screen.findByText('Ready');
    const rows = within(
      screen.getByRole('table', { name: 'Data products of Sales' }),
    ).getAllByTestId('data-product-row');
    expect(
      rows.map(row => [
        within(row).getAllByRole('link')[0].textContent,
        within(row).getByTestId('product-state').textContent,
      ]),
    ).toEqual([
      ['Customer orders', 'Failing'],
      ['Daily revenue', 'Ready'],
    ]);
    expect((api.getProductStates as jest.Mock).mock.calls[0][0].sort()).toEqual(
      [
        'dataproduct:default/customer-orders',
        'dataproduct:default/revenue-daily',
      ],
    );
  });

  it('says when the domain has no products yet', async () => {
    await renderCard(finance, [sales, finance, customerOrders]);
    expect(
      await screen.findByText(/Finance has no data products yet/),
    ).toBeVisible();
  });
});
