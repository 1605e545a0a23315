import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { GettingReadyPage } from './GettingReadyPage';
import { READY_PATIENCE_MS, READY_POLL_MS } from './useEntityWhenReady';

const product = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders', namespace: 'default' },
  spec: {},
};

async function renderPage(catalog: ReturnType<typeof catalogApiMock.mock>) {
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalog]]}>
      <Routes>
        <Route path="/getting-ready" element={<GettingReadyPage />} />
        <Route
          path="/catalog/:namespace/:kind/:name"
          element={<div>the page of the product</div>}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/getting-ready?entity=dataproduct:default/orders'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('GettingReadyPage', () => {
  afterEach(() => jest.useRealTimers());

  it('says the product is getting ready, then opens its page once the catalog has it', async () => {
    jest.useFakeTimers();
    const catalog = catalogApiMock.mock({
      getEntityByRef: jest
        .fn()
        .mockResolvedValueOnce(undefined)
        .mockResolvedValueOnce(undefined)
        .mockResolvedValue(product),
    });
    await renderPage(catalog);
    expect(
      screen.getByText(/orders is being added to the catalog/),
    ).toBeInTheDocument();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(READY_POLL_MS * 3);
    });
    expect(screen.getByText('the page of the product')).toBeInTheDocument();
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'dataproduct:default/orders',
    );
  });

  it('says what to do when the catalog takes long', async () => {
    jest.useFakeTimers();
    const catalog = catalogApiMock.mock({
      getEntityByRef: jest.fn().mockResolvedValue(undefined),
    });
    await renderPage(catalog);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(
        READY_PATIENCE_MS + READY_POLL_MS * 2,
      );
    });
    expect(
      screen.getByText(
        /the catalog has not read it yet.*tell your platform team/,
      ),
    ).toBeVisible();
  });
});
