import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DataProductOverviewCard } from './DataProductOverviewCard';

const product: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-orders' },
  spec: {
    type: 'data-product',
    lifecycle: 'experimental',
    owner: 'group:default/sales',
    domain: 'sales',
    version: '0.3.0',
    owners: ['ana@example.com', 'bo@example.com'],
    datasets: [{ layer: 'raw', datasetId: 'customer_orders_raw' }],
    serviceAccountId: 'dp-customer-orders',
  },
};

describe('DataProductOverviewCard', () => {
  it('shows the domain, version, owners, datasets and service account', async () => {
    await renderInTestApp(
      <EntityProvider entity={product}>
        <DataProductOverviewCard />
      </EntityProvider>,
    );
    expect(screen.getByText('sales')).toBeInTheDocument();
    expect(screen.getByText('0.3.0')).toBeInTheDocument();
    expect(screen.getByText('customer_orders_raw (raw)')).toBeInTheDocument();
    expect(screen.getByText('dp-customer-orders')).toBeInTheDocument();
    expect(screen.getByText('ana@example.com')).toBeInTheDocument();
    expect(screen.getByText('bo@example.com')).toBeInTheDocument();
  });

  it('says when the version is missing', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={{ ...product, spec: { ...product.spec, version: undefined } }}
      >
        <DataProductOverviewCard />
      </EntityProvider>,
    );
    expect(screen.getByText('not set')).toBeInTheDocument();
  });
});
