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
import { capabilityNamed, ProvisioningReport } from '@meshifi/common';
import { screen, waitFor, within } from '@testing-library/react';
import { meshifiApiRef } from './api';
import { EntityCapabilitiesCards } from './index';

const dbt = {
  repository: 'https://github.com/acme/sales-dbt.git',
  schedule: '0 6 * * 1-5',
  command: 'dbt build',
};
const dbtStatus = {
  schedule: dbt.schedule,
  repository: dbt.repository,
  active: 0,
  lastRun: 'succeeded',
  lastScheduleTime: '2026-12-02T06:00:00Z',
  lastSuccessfulTime: '2026-12-02T06:04:00Z',
};

const product: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-orders', namespace: 'default' },
  spec: { owners: ['ana@example.com'], capabilities: { dbt } },
};

const report: ProvisioningReport = {
  state: 'ready',
  reason: 'All resources are ready.',
  observedAt: '2026-12-02T10:00:00Z',
  clusters: [{ name: 'local', connection: 'live' }],
  xr: {
    apiVersion: 'meshifi.io/v1alpha1',
    kind: 'DataProduct',
    namespace: 'default',
    name: 'customer-orders',
    conditions: [],
    capabilities: { dbt: dbtStatus },
  },
  resources: [],
  missing: [],
  events: [],
};

describe('EntityCapabilitiesCards (legacy frontend system)', () => {
  it("shows a registered capability's own card, with the status its XR reports", async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [meshifiApiRef, { getProvisioning: async () => report }],
          [catalogApiRef, catalogApiMock()],
          [configApiRef, mockApis.config({ data: {} })],
        ]}
      >
        <EntityProvider entity={product}>
          <EntityCapabilitiesCards />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const expected = capabilityNamed('dbt')!.card({
      spec: dbt,
      status: dbtStatus,
    });
    const card = await screen.findByRole('region', { name: expected.title });
    const status = within(card).getByRole('status');
    await waitFor(() =>
      expect(status).toHaveTextContent(expected.state!.label),
    );
    const values = within(card).getAllByRole('definition');
    expect(
      within(card)
        .getAllByRole('term')
        .map(t => t.textContent),
    ).toEqual(expected.facts.map(fact => fact.label));
    expected.facts.forEach((fact, i) =>
      expect(values[i]).toHaveTextContent(fact.value),
    );
  });
});
