import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DataProductOverviewCard } from './DataProductOverviewCard';

const product: Entity = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-orders' },
  spec: {
    info: { name: 'customer-orders', version: '0.3.0' },
    access: { owners: ['ana@example.com', 'bo@example.com'] },
  },
};

describe('DataProductOverviewCard', () => {
  it('shows the name, version and every owner', async () => {
    await renderInTestApp(
      <EntityProvider entity={product}>
        <DataProductOverviewCard />
      </EntityProvider>,
    );
    expect(screen.getByText('customer-orders')).toBeInTheDocument();
    expect(screen.getByText('0.3.0')).toBeInTheDocument();
    expect(screen.getByText('ana@example.com')).toBeInTheDocument();
    expect(screen.getByText('bo@example.com')).toBeInTheDocument();
  });

  it('says when the version is missing', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={{ ...product, spec: { info: { name: 'x' }, access: {} } }}
      >
        <DataProductOverviewCard />
      </EntityProvider>,
    );
    expect(screen.getByText('not set')).toBeInTheDocument();
  });
});
