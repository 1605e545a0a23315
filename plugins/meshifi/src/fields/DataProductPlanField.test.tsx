import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  CAPABILITIES,
  ComposedResource,
  DataProductPlanRequest,
  DataProductPlanResponse,
  LABELS,
  notInDomainTeamMessage,
  planDataProduct,
} from '@meshifi/common';
import { screen } from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../api';
import { DataProductPlanField } from './DataProductPlanField';

const platform = { project: 'meshifi-test', location: 'EU' };
const dbtCapability = CAPABILITIES.find(c => c.name === 'dbt')!;

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
        answers: {
          name: request.name,
          ...(request.capabilities
            ? { capabilities: request.capabilities }
            : {}),
        },
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

async function renderPlan(
  api: MeshifiApi,
  domainName: string,
  name?: string,
  answers: Record<string, unknown> = {},
) {
  await renderInTestApp(
    <TestApiProvider apis={[[meshifiApiRef, api]]}>
      <DataProductPlanField
        {...({
          formContext: {
            formData: {
              name: name ?? 'customer-orders',
              domain: `domain:default/${domainName}`,
              owners: ['user:default/ana'],
              ...answers,
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

  it("sends the capability pages' answers, and lists each capability's resources under its title", async () => {
    const api = planningApi(true);
    const dbt = {
      enabled: true,
      project: 'existing',
      repository: 'https://github.com/acme/sales-dbt.git',
      schedule: '0 6 * * *',
      command: 'dbt build',
    };
    await renderPlan(api, 'finance', undefined, {
      dbt,
      fivetran: { enabled: false },
    });
    const list = await screen.findByLabelText('Planned resources');
    expect(list).toHaveTextContent(dbtCapability.title);
    const planned = await api.plan.mock.results[0].value;
    const ofDbt = planned.plan.resources.filter(
      (r: ComposedResource) =>
        r.resource.metadata.labels?.[LABELS.capability] === 'dbt',
    );
    expect(ofDbt.length).toBeGreaterThan(0);
    for (const resource of ofDbt) {
      expect(list).toHaveTextContent(resource.summary);
    }
    expect(screen.getByText(/and on the platform's cluster/)).toBeVisible();
    // Only the capabilities' answers, under their names, go with the rest.
    expect(api.plan).toHaveBeenCalledWith({
      name: 'customer-orders',
      domain: 'domain:default/finance',
      owners: ['user:default/ana'],
      capabilities: { dbt, fivetran: { enabled: false } },
    });
  });
});
