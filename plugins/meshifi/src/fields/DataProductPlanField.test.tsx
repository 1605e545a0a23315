import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  DataProductPlanRequest,
  DataProductPlanResponse,
  notInDomainTeamMessage,
  planDataProduct,
} from '@meshifi/common';
import { screen } from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../api';
import { DataProductPlanField } from './DataProductPlanField';

const platform = { project: 'meshifi-test', location: 'EU' };

/**
 * The backend as the field sees it: the real plan, with the catalog's
 * answers for the sample domains (sales names no project) and for Ana.
 */
function planningApi(mayCreate: boolean) {
  const plan = jest.fn(
    async (
      request: DataProductPlanRequest,
    ): Promise<DataProductPlanResponse> => {
      const name = request.domain!.replace(/^domain:default\//, '');
      const response = planDataProduct({
        answers: { name: request.name },
        domain: {
          name,
          found: true,
          ...(name === 'sales' ? {} : { project: `acme-${name}-data` }),
        },
        owners: { owners: ['ana@example.com'], unresolved: [] },
        platform,
      });
      return mayCreate
        ? { plan: response, mayCreate }
        : {
            plan: response,
            mayCreate,
            message: notInDomainTeamMessage(
              name,
              `group:default/${name}-analytics`,
            ),
          };
    },
  );
  return { plan } as unknown as MeshifiApi & { plan: typeof plan };
}

async function renderPlan(api: MeshifiApi, domainName: string, name?: string) {
  await renderInTestApp(
    <TestApiProvider apis={[[meshifiApiRef, api]]}>
      <DataProductPlanField
        {...({
          formContext: {
            formData: {
              name: name ?? 'customer-orders',
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
    await renderPlan(planningApi(false), 'finance');
    expect(
      await screen.findByText(
        'You are not in the finance-analytics team, which owns the domain "finance": only its members create data products there. Ask someone in finance-analytics to add you to the team (group:default/finance-analytics), or pick the domain of your own team.',
      ),
    ).toBeVisible();
    expect(
      screen.queryByLabelText('Planned resources'),
    ).not.toBeInTheDocument();
  });

  it("shows a member of the domain's team the plan, with its project and service account", async () => {
    const api = planningApi(true);
    await renderPlan(api, 'finance');
    expect(
      await screen.findByText(
        'BigQuery dataset customer_orders_raw (raw layer) in EU, project acme-finance-data',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('plan-placement')).toHaveTextContent(
      'They go to the project acme-finance-data; the service account dp-customer-orders@acme-finance-data.iam.gserviceaccount.com writes the data.',
    );
    expect(screen.queryByText(/You are not in the/)).not.toBeInTheDocument();
    // The backend resolves the picks; the form sends them as picked.
    expect(api.plan).toHaveBeenCalledWith({
      name: 'customer-orders',
      domain: 'domain:default/finance',
      owners: ['user:default/ana'],
    });
  });

  it('says why the answers cannot be provisioned, and shows no plan', async () => {
    await renderPlan(planningApi(true), 'finance', 'Customer Orders');
    expect(
      await screen.findByText(/can only use lower-case letters/),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Planned resources'),
    ).not.toBeInTheDocument();
  });

  it('shows the plan with a warning when the domain names no project', async () => {
    await renderPlan(planningApi(true), 'sales');
    expect(
      await screen.findByText(
        /The domain "sales" names no Google Cloud project/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'BigQuery dataset customer_orders_raw (raw layer) in EU, project meshifi-test',
      ),
    ).toBeInTheDocument();
  });

  it('says when the backend cannot be asked', async () => {
    const api = {
      plan: jest.fn(async () => {
        throw new Error('Service unavailable');
      }),
    } as unknown as MeshifiApi;
    await renderPlan(api, 'finance');
    expect(await screen.findByText('Service unavailable')).toBeInTheDocument();
  });
});
