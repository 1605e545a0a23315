import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
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
import { AccessGrantView, ConsumerAccessReport } from '@meshifi/common';
import { screen, within } from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import { ConsumerAccessCard } from './ConsumerAccessCard';

const ana: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'ana', namespace: 'default', title: 'Ana Lima' },
  spec: {},
};
const finance: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'finance', namespace: 'default' },
  spec: {},
};

const grant = (overrides: Partial<AccessGrantView>): AccessGrantView => ({
  grantName: 'customer-orders-ana',
  product: 'dataproduct:default/customer-orders',
  requestId: 'r1',
  consumer: { type: 'user', email: 'ana@example.com' },
  layer: 'curated',
  level: 'read',
  purpose: 'Monthly revenue report',
  expires: '2027-03-31',
  state: 'active',
  stateText: 'Active until 31 March 2027',
  mayDecide: false,
  ...overrides,
});

async function renderCard(
  entity: Entity,
  getConsumerAccess: MeshifiApi['getConsumerAccess'],
  signedIn = 'user:default/ana',
  products: Entity[] = [],
) {
  const api = { getConsumerAccess: jest.fn(getConsumerAccess) };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [meshifiApiRef, api],
        [identityApiRef, mockApis.identity({ userEntityRef: signedIn })],
        [catalogApiRef, catalogApiMock({ entities: products })],
      ]}
    >
      <EntityProvider entity={entity}>
        <ConsumerAccessCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

const answer =
  (report: ConsumerAccessReport) => async (): Promise<ConsumerAccessReport> =>
    report;

describe('ConsumerAccessCard', () => {
  it('lists what the signed-in user can read: product, layer, until and state', async () => {
    const api = await renderCard(
      ana,
      answer({
        grants: [
          grant({}),
          grant({
            requestId: 'r2',
            product: 'dataproduct:default/ledger',
            layer: 'cleaned',
            expires: '2026-12-10',
            state: 'expiring',
          }),
        ],
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Data products you can read',
    });
    expect(screen.getByText('Data products you can read')).toBeVisible();
    const rows = within(table).getAllByTestId('consumer-access-row');
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      ['customer-orders', 'Curated', '31 March 2027', 'Active'],
      ['ledger', 'Cleaned', '10 December 2026', 'Expiring within 14 days'],
    ]);
    expect(within(rows[1]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/ledger',
    );
    expect(api.getConsumerAccess).toHaveBeenCalledWith({
      kind: 'User',
      namespace: 'default',
      name: 'ana',
    });
  });

  it('says under a product read that it is going away, until when and what replaces it', async () => {
    const product = (name: string, spec: Entity['spec']): Entity => ({
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name, namespace: 'default' },
      spec,
    });
    await renderCard(
      ana,
      answer({
        grants: [
          grant({}),
          grant({ requestId: 'r2', product: 'dataproduct:default/ledger' }),
          grant({ requestId: 'r3', product: 'dataproduct:default/unknown' }),
        ],
      }),
      'user:default/ana',
      [
        product('customer-orders', {
          status: 'deprecated',
          deprecation: { date: '2027-06-30', replacedBy: 'orders-v2' },
        }),
        product('ledger', { status: 'active' }),
      ],
    );
    const notes = await screen.findAllByTestId('going-away');
    expect(notes.map(note => note.textContent)).toEqual([
      'Deprecated. It is served until 30 June 2027. Move to orders-v2, which replaces it.',
    ]);
    const rows = screen.getAllByTestId('consumer-access-row');
    expect(within(rows[0]).getByTestId('going-away')).toBeVisible();
  });

  it('speaks of another user by name, and says when they read nothing', async () => {
    await renderCard(ana, answer({ grants: [] }), 'user:default/bo');
    expect(
      await screen.findByText('Data products Ana Lima can read'),
    ).toBeVisible();
    expect(
      screen.getByText('No data product has been shared with Ana Lima yet.'),
    ).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("reads a group's access, and tells how to ask when there is none", async () => {
    const api = await renderCard(finance, answer({ grants: [] }));
    expect(
      await screen.findByText('Data products this group can read'),
    ).toBeVisible();
    expect(
      screen.getByText(/open its page and choose Request access/),
    ).toBeVisible();
    expect(api.getConsumerAccess).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'default',
      name: 'finance',
    });
  });

  it('says in words why it could not tell', async () => {
    await renderCard(ana, async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'The cluster cannot be reached.' },
            response: { statusCode: 503 },
          }),
          { status: 503, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    expect(
      await screen.findByText('The cluster cannot be reached.'),
    ).toBeVisible();
  });
});
