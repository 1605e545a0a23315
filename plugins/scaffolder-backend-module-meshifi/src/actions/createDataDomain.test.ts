import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleTenancy } from '../__testUtils__/exampleTenancy';
import { createDataDomainAction } from './createDataDomain';

describe('meshifi:datadomain:create', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  const run = (input: Record<string, unknown>, tenancy = exampleTenancy()) => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        name: 'finance',
        owner: 'group:default/sales-analytics',
        gcpProject: 'acme-finance-data',
        ...input,
      } as any,
    });
    return { ctx, done: createDataDomainAction(tenancy).handler(ctx) };
  };

  /** The refusal of a run, after checking that it wrote nothing. */
  async function refusal(
    input: Record<string, unknown>,
    tenancy = exampleTenancy(),
  ) {
    const error = await run(input, tenancy).done.then(
      () => new Error('the domain was written'),
      (thrown: Error) => thrown,
    );
    expect(workspace.content()).toEqual({});
    return error;
  }

  it('writes the manifest with the optional title and description it is given', async () => {
    const { ctx, done } = run({
      title: 'Finance',
      description: 'Invoices and payments',
    });
    await done;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'domain:default/finance',
    );
    expect(workspace.content()).toEqual({
      domains: {
        finance: {
          'domain.yaml': [
            'apiVersion: meshifi.io/v1alpha1',
            'kind: DataDomain',
            'metadata:',
            '  name: finance',
            'spec:',
            '  owner: group:default/sales-analytics',
            '  gcpProject: acme-finance-data',
            '  title: Finance',
            '  description: Invoices and payments',
            '',
          ].join('\n'),
        },
      },
    });
  });

  it('refuses an invalid domain with every problem, as input to correct', async () => {
    const error = await refusal({ name: 'Finance!', gcpProject: 'x' });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/"Finance!" can only use lower-case letters/);
    expect(error.message).toMatch(/project/i);
  });

  it("refuses anyone but the platform's administrators, naming the domain", async () => {
    const error = await refusal({}, exampleTenancy(AuthorizeResult.DENY));
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      `Only the platform's administrators create domains: a domain is a Google Cloud project and a team. Ask the platform team to create the domain "finance".`,
    );
  });

  it('refuses a GCP project that domains may not use', async () => {
    const error = await refusal({ gcpProject: 'prod-billing' });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'The GCP project prod-billing is not one that domains may use. Pick a project from meshifi.domains.allowedProjects, or add it there first.',
    );
  });

  it('refuses an owning team the catalog does not have', async () => {
    const error = await refusal({ owner: 'group:default/ghosts' });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'The owner group:default/ghosts is not in the catalog: pick the team that owns the domain from the list.',
    );
  });

  it("asks the permission policy with the initiator's credentials", async () => {
    const tenancy = exampleTenancy();
    const authorize = jest.spyOn(tenancy.permissions, 'authorize');
    const { ctx, done } = run({}, tenancy);
    await done;
    expect(authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'meshifi.domain.create',
          }),
        },
      ],
      { credentials: await ctx.getInitiatorCredentials() },
    );
  });
});
