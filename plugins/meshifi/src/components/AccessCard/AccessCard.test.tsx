import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { routeResolutionApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  AccessGrantView,
  AccessRequest,
  ProductAccessReport,
} from '@meshifi/common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import { AccessCard } from './AccessCard';

const product: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-orders', namespace: 'default' },
  spec: {},
};

const REQUEST_LINK = `/create/templates/default/request-data-access?formData=${encodeURIComponent(
  '{"product":"dataproduct:default/customer-orders"}',
)}`;

const grant = (overrides: Partial<AccessGrantView>): AccessGrantView => ({
  grantName: 'customer-orders-ana',
  product: 'dataproduct:default/customer-orders',
  requestId: 'r-ana',
  consumer: {
    type: 'user',
    email: 'ana@example.com',
    entityRef: 'user:default/ana',
  },
  layer: 'curated',
  level: 'read',
  purpose: 'Monthly revenue report for the board',
  expires: '2027-03-31',
  requestedBy: 'user:default/ana',
  requestedAt: '2026-11-20T12:00:00Z',
  state: 'active',
  stateText: 'Active until 31 March 2027',
  mayDecide: false,
  ...overrides,
});

const awaiting = grant({
  state: 'awaiting-approval',
  stateText: 'Awaiting approval by the owners',
  mayDecide: true,
});

const report = (
  grants: AccessGrantView[],
  mayApprove = false,
): ProductAccessReport => ({ grants, mayApprove });

/** A refusal as the backend sends it: Backstage's error JSON. */
const refusal = (status: number, message: string) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );

/** A promise the test settles when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An API answering the reports in turn, the last one from then on. */
function apiAnswering(
  reports: ProductAccessReport[],
  decisions: Partial<MeshifiApi> = {},
) {
  return {
    getProductAccess: jest.fn(async () =>
      reports.length > 1 ? reports.shift()! : reports[0],
    ),
    approveAccessRequest: jest.fn(
      async (id: string) => ({ id, decision: 'approving' } as AccessRequest),
    ),
    declineAccessRequest: jest.fn(
      async (id: string) => ({ id, decision: 'declined' } as AccessRequest),
    ),
    ...decisions,
  };
}

async function renderCard(
  api: Partial<MeshifiApi>,
  extraApis: Array<readonly [any, any]> = [],
) {
  await renderInTestApp(
    <TestApiProvider apis={[[meshifiApiRef, api], ...extraApis]}>
      <EntityProvider entity={product}>
        <AccessCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rows = () => screen.getAllByTestId('access-row');
const chipOf = (row: HTMLElement) =>
  within(row).getByTestId('access-state').textContent;
const button = (name: string, container: HTMLElement = document.body) =>
  within(container).getByRole('button', { name });
const columns = () =>
  screen.getAllByRole('columnheader').map(header => header.textContent);
/** A row's cell under the column of that heading. */
function cellUnder(row: HTMLElement, column: string) {
  const index = columns().indexOf(column);
  if (index < 0) {
    throw new Error(`No column ${column} in ${columns().join(', ')}`);
  }
  return within(row).getAllByRole('cell')[index];
}

describe('AccessCard', () => {
  it('says every state in words, with why a grant failed or was declined', async () => {
    await renderCard(
      apiAnswering([
        report([
          awaiting,
          grant({
            requestId: 'r2',
            state: 'declined',
            reason: 'Use the anonymised view instead',
          }),
          grant({ requestId: 'r3', state: 'being-granted' }),
          grant({
            requestId: 'r4',
            state: 'active',
            since: '2026-11-21T12:00:00Z',
            requestedBy: 'user:default/bo',
          }),
          grant({ requestId: 'r5', state: 'expiring' }),
          grant({ requestId: 'r6', state: 'ended' }),
          grant({
            requestId: 'r7',
            state: 'failed',
            failure:
              'Google refused: the group finance@example.com does not exist.',
          }),
        ]),
      ]),
    );
    await screen.findByRole('table', { name: 'Who has access' });
    // Five columns fit the page's main column; more crushed their words.
    expect(columns()).toEqual(['Who', 'Layer', 'Period', 'Purpose', 'State']);
    expect(rows().map(chipOf)).toEqual([
      'Awaiting approval',
      'Declined',
      'Being granted',
      'Active',
      'Expiring within 14 days',
      'Ended',
      'Failed',
    ]);
    expect(within(rows()[1]).getByTestId('access-state-why')).toHaveTextContent(
      'Use the anonymised view instead',
    );
    expect(within(rows()[6]).getByTestId('access-state-why')).toHaveTextContent(
      'Google refused: the group finance@example.com does not exist.',
    );
    expect(within(rows()[3]).queryByTestId('access-state-why')).toBeNull();

    const active = rows()[3];
    expect(cellUnder(active, 'Layer')).toHaveTextContent(/^Curated$/);
    expect(cellUnder(active, 'Period')).toHaveTextContent(
      /^21 November 2026 – 31 March 2027$/,
    );
    expect(cellUnder(active, 'Purpose')).toHaveTextContent(
      /^Monthly revenue report for the board$/,
    );
    const who = cellUnder(active, 'Who');
    expect(within(who).getByRole('link', { name: /^ana$/ })).toBeVisible();
    expect(within(who).getByText('Person · ana@example.com')).toBeVisible();
    expect(who).toHaveTextContent('Asked by bo on 20 November 2026');
    expect(cellUnder(rows()[0], 'Period')).toHaveTextContent(
      /^until 31 March 2027$/,
    );
  });

  it('names a consumer without an entity by its email, and a grant made in Git as such', async () => {
    await renderCard(
      apiAnswering([
        report([
          grant({
            requestId: undefined,
            requestedBy: undefined,
            requestedAt: undefined,
            consumer: {
              type: 'serviceAccount',
              email: 'revenue@acme.iam.gserviceaccount.com',
            },
          }),
          grant({
            requestId: 'r2',
            requestedAt: undefined,
            consumer: {
              type: 'serviceAccount',
              email: 'daily@acme.iam.gserviceaccount.com',
              entityRef: 'dataproduct:default/revenue-daily',
            },
          }),
        ]),
      ]),
    );
    await screen.findByRole('table', { name: 'Who has access' });
    const [fromGit, fromProduct] = rows();
    expect(
      within(fromGit).getByText('revenue@acme.iam.gserviceaccount.com'),
    ).toBeVisible();
    expect(
      within(fromGit).getByText('Added in the GitOps repository'),
    ).toBeVisible();
    expect(fromGit).not.toHaveTextContent('Asked by');
    expect(
      within(fromProduct).getByRole('link', { name: /revenue-daily/ }),
    ).toBeVisible();
    expect(
      within(fromProduct).getByText(
        'Data product · daily@acme.iam.gserviceaccount.com',
      ),
    ).toBeVisible();
    expect(within(fromProduct).getByText(/^Asked by/)).toHaveTextContent(
      /^Asked by ana$/,
    );
  });

  it('shows no decisions to someone who does not decide', async () => {
    await renderCard(
      apiAnswering([
        report([{ ...awaiting, mayDecide: false }, grant({ requestId: 'r2' })]),
      ]),
    );
    await screen.findByRole('table', { name: 'Who has access' });
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Decline' })).toBeNull();
    expect(
      screen.getByText("The product's owners approve or decline each request."),
    ).toBeVisible();
    expect(button('Request access')).toHaveAttribute('href', REQUEST_LINK);
  });

  it('approves, waits with every button while it runs, and shows the new state', async () => {
    const otherRequest = {
      ...awaiting,
      requestId: 'r-bo',
      grantName: 'customer-orders-bo',
    };
    const approval = deferred<AccessRequest>();
    const api = apiAnswering(
      [
        report([awaiting, otherRequest], true),
        report([grant({ state: 'being-granted' }), otherRequest], true),
      ],
      { approveAccessRequest: jest.fn(() => approval.promise) },
    );
    await renderCard(api);
    await screen.findByRole('table', { name: 'Who has access' });
    expect(
      screen.getByText(
        'You are an owner: you approve or decline the requests.',
      ),
    ).toBeVisible();

    // The decision sits under the state it changes.
    fireEvent.click(button('Approve', cellUnder(rows()[0], 'State')));
    expect(button('Decline', cellUnder(rows()[0], 'State'))).toBeVisible();
    expect(api.approveAccessRequest).toHaveBeenCalledWith('r-ana');
    for (const name of ['Approve', 'Decline']) {
      for (const b of screen.getAllByRole('button', { name })) {
        expect(b).toBeDisabled();
      }
    }

    await act(async () => approval.resolve({} as AccessRequest));
    await waitFor(() => expect(chipOf(rows()[0])).toBe('Being granted'));
    expect(api.getProductAccess).toHaveBeenCalledTimes(2);
    expect(within(rows()[0]).queryByRole('button')).toBeNull();
    expect(button('Approve', rows()[1])).toBeEnabled();
  });

  it('says in words why approving failed, and shows what the other owner decided', async () => {
    const api = apiAnswering(
      [
        report([awaiting], true),
        report(
          [grant({ state: 'declined', reason: 'Not for marketing use' })],
          true,
        ),
      ],
      {
        approveAccessRequest: jest.fn(async () => {
          throw await refusal(409, 'Bo declined this request a moment ago.');
        }),
      },
    );
    await renderCard(api);
    await screen.findByRole('table', { name: 'Who has access' });
    fireEvent.click(button('Approve'));

    expect(
      await screen.findByText('Bo declined this request a moment ago.'),
    ).toBeVisible();
    expect(
      screen.getByText('Error: The request could not be approved'),
    ).toBeVisible();
    await waitFor(() => expect(chipOf(rows()[0])).toBe('Declined'));
  });

  it('declines only with a reason of a few words, and sends it', async () => {
    const api = apiAnswering([
      report([awaiting], true),
      report(
        [
          grant({
            state: 'declined',
            reason: 'Use the anonymised view instead',
          }),
        ],
        true,
      ),
    ]);
    await renderCard(api);
    await screen.findByRole('table', { name: 'Who has access' });
    fireEvent.click(button('Decline'));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Decline access for ana@example.com');
    const reason = within(dialog).getByRole('textbox', {
      name: 'Why you decline',
    });
    expect(button('Decline', dialog)).toBeDisabled();
    fireEvent.change(reason, { target: { value: '  no   ' } });
    fireEvent.blur(reason);
    expect(button('Decline', dialog)).toBeDisabled();
    expect(dialog).toHaveTextContent('Write a few words');

    fireEvent.change(reason, {
      target: { value: ' Use the anonymised view instead ' },
    });
    fireEvent.click(button('Decline', dialog));
    expect(api.declineAccessRequest).toHaveBeenCalledWith('r-ana', {
      reason: 'Use the anonymised view instead',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(chipOf(rows()[0])).toBe('Declined'));
  });

  it('keeps the reason typed when declining fails, and says why', async () => {
    const api = apiAnswering([report([awaiting], true)], {
      declineAccessRequest: jest.fn(async () => {
        throw await refusal(403, 'Only the owners of Customer orders decide.');
      }),
    });
    await renderCard(api);
    await screen.findByRole('table', { name: 'Who has access' });
    fireEvent.click(button('Decline'));
    const dialog = await screen.findByRole('dialog');
    const reason = within(dialog).getByRole('textbox', {
      name: 'Why you decline',
    });
    fireEvent.change(reason, {
      target: { value: 'Ask for the cleaned layer' },
    });
    fireEvent.click(button('Decline', dialog));

    expect(
      await within(dialog).findByText(
        'Only the owners of Customer orders decide.',
      ),
    ).toBeVisible();
    expect(reason).toHaveValue('Ask for the cleaned layer');
    expect(button('Decline', dialog)).toBeEnabled();

    fireEvent.click(button('Cancel', dialog));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.declineAccessRequest).toHaveBeenCalledTimes(1);
  });

  it('invites the first request, with the product already picked', async () => {
    await renderCard(apiAnswering([report([])]));
    expect(
      await screen.findByText('Nobody else has access to this product yet'),
    ).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
    const buttons = screen.getAllByRole('button', { name: 'Request access' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toHaveAttribute('href', REQUEST_LINK);
  });

  it("leads to the template where the app's routes put it", async () => {
    const resolve = jest.fn(
      () => (params: any) =>
        `/self-service/templates/${params.namespace}/${params.templateName}`,
    );
    await renderCard(apiAnswering([report([])]), [
      [routeResolutionApiRef, { resolve }],
    ]);
    expect(
      await screen.findByRole('button', { name: 'Request access' }),
    ).toHaveAttribute(
      'href',
      REQUEST_LINK.replace('/create/', '/self-service/'),
    );
  });

  it('says why the list could not be read', async () => {
    await renderCard({
      getProductAccess: jest.fn(async () => {
        throw await refusal(500, 'The GitOps repository cannot be read.');
      }),
    });
    expect(
      await screen.findByText('The GitOps repository cannot be read.'),
    ).toBeVisible();
    expect(
      screen.getByText('Error: Who has access could not be read just now'),
    ).toBeVisible();
  });
});
