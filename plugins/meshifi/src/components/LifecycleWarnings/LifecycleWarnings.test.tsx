import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { dayInWords, PRODUCT_STATUSES } from '@meshifi/common';
import { screen, waitFor, within } from '@testing-library/react';
import fc from 'fast-check';
import { LifecycleWarnings } from './LifecycleWarnings';
import { lifecycleOf, mayHaveLifecycleWarnings } from './productLifecycle';

const product = (
  name: string,
  spec: Record<string, unknown>,
  title?: string,
): Entity => ({
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { owners: ['ana@example.com'], ...spec } as Entity['spec'],
});

async function renderWarnings(entity: Entity, catalog: Entity[] = []) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: catalog })]]}
    >
      <EntityProvider entity={entity}>
        <LifecycleWarnings />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('LifecycleWarnings', () => {
  it('warns on a deprecated product of its last day and links what replaces it', async () => {
    await renderWarnings(
      product('ledger', {
        status: 'deprecated',
        deprecation: { date: '2027-03-31', replacedBy: 'ledger-v2' },
      }),
    );
    const banner = await screen.findByRole('region', {
      name: 'Status of this data product',
    });
    expect(
      within(banner).getByText(/This data product is deprecated/),
    ).toBeVisible();
    expect(banner).toHaveTextContent(
      `It is served until ${dayInWords('2027-03-31')}.`,
    );
    expect(within(banner).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/ledger-v2',
    );
  });

  it('gives the reason when nothing replaces a deprecated product', async () => {
    await renderWarnings(
      product('ledger', {
        status: 'deprecated',
        deprecation: {
          date: '2027-03-31',
          reason: 'Finance now keeps the ledger in SAP.',
        },
      }),
    );
    const banner = await screen.findByRole('region', {
      name: 'Status of this data product',
    });
    expect(banner).toHaveTextContent(
      'Why: Finance now keeps the ledger in SAP.',
    );
    expect(within(banner).queryByRole('link')).toBeNull();
  });

  it('says a retired product is no longer served', async () => {
    await renderWarnings(product('ledger', { status: 'retired' }));
    const banner = await screen.findByRole('region', {
      name: 'Status of this data product',
    });
    expect(
      within(banner).getByText(/This data product is retired/),
    ).toBeVisible();
    expect(banner).toHaveTextContent('It is no longer served.');
  });

  it('names the deprecated input of a product that reads it, until when and what replaces it', async () => {
    const ledger = product(
      'ledger',
      {
        status: 'deprecated',
        deprecation: { date: '2027-03-31', replacedBy: 'ledger-v2' },
      },
      'Ledger',
    );
    const payments = product('payments', {}, 'Payments');
    await renderWarnings(
      product('revenue', {
        inputPorts: [
          { product: 'ledger', port: 'entries' },
          { product: 'payments', port: 'settled' },
        ],
      }),
      [ledger, payments],
    );
    const warning = await screen.findByRole('region', {
      name: 'Inputs going away',
    });
    expect(
      within(warning).getByText(/An input of this product is going away/),
    ).toBeVisible();
    const [ending] = within(warning).getAllByTestId('ending-input');
    expect(within(warning).getAllByTestId('ending-input')).toHaveLength(1);
    expect(ending).toHaveTextContent('It reads the table entries of Ledger');
    expect(ending).toHaveTextContent(
      `which is deprecated. It is served until ${dayInWords('2027-03-31')}.`,
    );
    expect(
      within(ending)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual([
      '/catalog/default/dataproduct/ledger',
      '/catalog/default/dataproduct/ledger-v2',
    ]);
    expect(screen.queryByText(/Payments/)).toBeNull();
    expect(
      screen.queryByRole('region', { name: 'Status of this data product' }),
    ).toBeNull();
  });

  it('warns of a retired input too', async () => {
    await renderWarnings(
      product('revenue', {
        inputPorts: [{ product: 'ledger', port: 'entries' }],
      }),
      [product('ledger', { status: 'retired' })],
    );
    const warning = await screen.findByRole('region', {
      name: 'Inputs going away',
    });
    expect(warning).toHaveTextContent(
      'which is retired. It is no longer served.',
    );
  });

  it('shows nothing for an active product whose inputs are active or not in the catalog', async () => {
    const catalog = catalogApiMock.mock({
      getEntitiesByRefs: jest.fn(async () => ({
        items: [product('payments', {}), undefined],
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalog]]}>
        <EntityProvider
          entity={product('revenue', {
            inputPorts: [
              { product: 'payments', port: 'settled' },
              { product: 'gone', port: 'x' },
            ],
          })}
        >
          <div data-testid="page">
            <LifecycleWarnings />
          </div>
        </EntityProvider>
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith({
        entityRefs: [
          'dataproduct:default/gone',
          'dataproduct:default/payments',
        ],
      }),
    );
    expect(screen.getByTestId('page')).toBeEmptyDOMElement();
  });
});

describe('lifecycleOf', () => {
  it('reads any spec without failing, as one of the statuses', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (status, deprecation) => {
        const lifecycle = lifecycleOf(
          product('x', { status, deprecation } as Record<string, unknown>),
        );
        expect(PRODUCT_STATUSES).toContain(lifecycle.status);
        expect(
          lifecycle.deprecation === undefined ||
            typeof lifecycle.deprecation.date === 'string',
        ).toBe(true);
      }),
    );
  });

  it('takes a product without a status as active', () => {
    expect(lifecycleOf(product('x', {})).status).toBe('active');
  });
});

describe('mayHaveLifecycleWarnings', () => {
  it('holds for products not simply active or reading others, and nothing else', () => {
    expect(mayHaveLifecycleWarnings(product('x', {}))).toBe(false);
    expect(mayHaveLifecycleWarnings(product('x', { status: 'active' }))).toBe(
      false,
    );
    expect(
      mayHaveLifecycleWarnings(product('x', { status: 'deprecated' })),
    ).toBe(true);
    expect(
      mayHaveLifecycleWarnings(
        product('x', { inputPorts: [{ product: 'y', port: 'z' }] }),
      ),
    ).toBe(true);
    expect(
      mayHaveLifecycleWarnings({
        ...product('x', { status: 'deprecated' }),
        kind: 'Component',
      }),
    ).toBe(false);
  });
});
