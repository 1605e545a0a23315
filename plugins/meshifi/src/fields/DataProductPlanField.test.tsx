import { configApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockConfigApi,
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DataProductPlanField } from './DataProductPlanField';

const domain = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name,
    annotations: { 'meshifi.io/gcp-project': `acme-${name}-data` },
  },
  spec: { owner: `group:default/${name}-analytics` },
});

const entities = [
  domain('sales'),
  domain('finance'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ana' },
    spec: { profile: { email: 'ana@example.com' } },
  },
];

// The permission hook caches decisions by permission and resource: each
// test asks about a domain of its own.
async function renderPlan(
  decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  domainName: string,
) {
  const permissionApi = new MockPermissionApi(() => decision);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [permissionApiRef, permissionApi],
        [
          configApiRef,
          new MockConfigApi({
            meshifi: { platform: { project: 'meshifi-test', location: 'EU' } },
          }),
        ],
      ]}
    >
      <DataProductPlanField
        {...({
          formContext: {
            formData: {
              name: 'customer-orders',
              domain: `domain:default/${domainName}`,
              owners: ['user:default/ana'],
            },
          },
        } as any)}
      />
    </TestApiProvider>,
  );
}

describe('DataProductPlanField', () => {
  it("tells someone outside the domain's team whose team it is, and shows no plan", async () => {
    await renderPlan(AuthorizeResult.DENY, 'sales');
    expect(
      await screen.findByText(
        'You are not in the sales-analytics team, which owns the domain "sales": only its members create data products there. Ask someone in sales-analytics to add you to the team (group:default/sales-analytics), or pick the domain of your own team.',
      ),
    ).toBeVisible();
    expect(
      screen.queryByLabelText('Planned resources'),
    ).not.toBeInTheDocument();
  });

  it("shows a member of the domain's team the plan", async () => {
    await renderPlan(AuthorizeResult.ALLOW, 'finance');
    expect(
      await screen.findByText(
        'BigQuery dataset customer_orders_raw (raw layer) in EU, project acme-finance-data',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/You are not in the/)).not.toBeInTheDocument();
  });
});
