import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  Capability,
  CapabilityCard,
  productXrOf,
  ProvisioningReport,
  provisioningSignalChannel,
} from '@meshifi/common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import { FakeSignalApi } from '../../hooks/__testUtils__/FakeSignalApi';
import { CapabilitiesCards } from './CapabilitiesCards';
import {
  auditCapability,
  backupsCapability,
  BackupsSpec,
  BackupsStatus,
} from './__testUtils__/backupsCapability';

const backups: BackupsSpec = { bucket: 'acme-orders-backups', every: 'night' };

const productWith = (capabilities?: unknown): Entity => ({
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'customer-orders',
    namespace: 'default',
    annotations: {
      'meshifi.io/xr-name': 'customer-orders',
      'meshifi.io/xr-namespace': 'sales',
    },
  },
  spec: {
    owners: ['ana@example.com'],
    ...(capabilities === undefined ? {} : { capabilities }),
  } as Entity['spec'],
});

/** The provisioning report with the XR reporting these capabilities' status. */
const reporting = (
  capabilities?: Record<string, unknown>,
): ProvisioningReport => ({
  state: 'ready',
  reason: 'All resources are ready.',
  observedAt: '2026-12-02T10:00:00Z',
  clusters: [{ name: 'local', connection: 'live' }],
  xr: {
    apiVersion: 'meshifi.io/v1alpha1',
    kind: 'DataProduct',
    namespace: 'sales',
    name: 'customer-orders',
    conditions: [],
    ...(capabilities ? { capabilities } : {}),
  },
  resources: [],
  missing: [],
  events: [],
});

async function renderCards(
  entity: Entity,
  getProvisioning: MeshifiApi['getProvisioning'],
  capabilities: readonly Capability[] = [backupsCapability],
  signals = new FakeSignalApi(),
) {
  const api = { getProvisioning: jest.fn(getProvisioning) };
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [meshifiApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [configApiRef, mockApis.config({ data: {} })],
        [signalApiRef, signals],
      ]}
    >
      <EntityProvider entity={entity}>
        <CapabilitiesCards capabilities={capabilities} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { api, rendered };
}

/** The card of a capability, by its title. */
const cardTitled = (title: string) =>
  screen.findByRole('region', { name: title });

/** The card's facts as the page shows them: [label, value] pairs. */
const factsShown = (card: HTMLElement) => {
  const labels = within(card).queryAllByRole('term');
  const values = within(card).queryAllByRole('definition');
  expect(values).toHaveLength(labels.length);
  return labels.map((label, i) => [label.textContent, values[i].textContent]);
};

/** The facts a capability's card gives, as the page should show them. */
const factsOf = (card: CapabilityCard) =>
  card.facts.map(fact => [
    fact.label,
    // A link also says, to screen readers, that it opens a new window.
    fact.href ? `${fact.value}, Opens in a new window` : fact.value,
  ]);

/** The card's state line: its chip's words and its tone's name. */
async function stateOf(title: string) {
  const status = await screen.findByRole('status', {
    name: `State of ${title}`,
  });
  return {
    status,
    tone: within(status).getByRole('img').getAttribute('aria-label'),
  };
}

describe('CapabilitiesCards', () => {
  it('shows a card for a capability the product turns on, with its facts and the state its XR reports', async () => {
    const status: BackupsStatus = { state: 'done', lastBackup: '2026-12-02' };
    await renderCards(productWith({ backups }), async () =>
      reporting({ backups: status }),
    );
    const expected = backupsCapability.card({ spec: backups, status });
    const card = await cardTitled(expected.title);
    expect(
      within(card).getByRole('heading', { name: expected.title }),
    ).toBeInTheDocument();
    const { status: line, tone } = await stateOf(expected.title);
    await waitFor(() => expect(line).toHaveTextContent(expected.state!.label));
    expect(tone).toBe('Status ok');
    expect(factsShown(card)).toEqual(factsOf(expected));
  });

  it('shows each tone as its own icon, named for screen readers, with the detail beside it', async () => {
    const tones: Array<[BackupsStatus['state'], string]> = [
      ['done', 'Status ok'],
      ['running', 'Status pending'],
      ['late', 'Status warning'],
      ['failed', 'Status error'],
    ];
    for (const [state, toneName] of tones) {
      const status: BackupsStatus = { state };
      const { rendered } = await renderCards(
        productWith({ backups }),
        async () => reporting({ backups: status }),
      );
      const expected = backupsCapability.card({ spec: backups, status }).state!;
      const line = await screen.findByRole('status', {
        name: 'State of Nightly backups',
      });
      await waitFor(() => expect(line).toHaveTextContent(expected.label));
      expect(within(line).getByRole('img')).toHaveAttribute(
        'aria-label',
        toneName,
      );
      expect(line.textContent).toContain(expected.detail ?? '');
      rendered.unmount();
    }
  });

  it('links a fact with a web address, opening it in a new tab without giving it the page', async () => {
    await renderCards(productWith({ backups }), async () => reporting());
    const card = await cardTitled('Nightly backups');
    const bucket = backupsCapability
      .card({ spec: backups })
      .facts.find(fact => fact.href)!;
    const link = within(card).getByRole('link', {
      name: new RegExp(bucket.value),
    });
    expect(link).toHaveAttribute('href', bucket.href);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toMatch(/\bnoopener\b/);
    // Only that fact is a link.
    expect(within(card).getAllByRole('link')).toHaveLength(1);
  });

  it('shows a fact whose address is not a web address as text, not as a link', async () => {
    const hostile: Capability = {
      ...backupsCapability,
      card: () => ({
        title: 'Nightly backups',
        facts: [
          // eslint-disable-next-line no-script-url
          { label: 'Script', value: 'run me', href: 'javascript:alert(1)' },
          { label: 'File', value: 'a file', href: 'file:///etc/passwd' },
          { label: 'Broken', value: 'no address', href: 'not a url' },
        ],
      }),
    };
    await renderCards(productWith({ backups }), async () => reporting(), [
      hostile,
    ]);
    const card = await cardTitled('Nightly backups');
    expect(within(card).queryAllByRole('link')).toEqual([]);
    expect(factsShown(card)).toEqual([
      ['Script', 'run me'],
      ['File', 'a file'],
      ['Broken', 'no address'],
    ]);
  });

  it('shows nothing, and asks for nothing, for a product without capabilities', async () => {
    for (const capabilities of [
      undefined,
      {},
      { backups: null },
      'backups',
      ['backups'],
      // A capability this meshifi does not have.
      { lineage: { depth: 2 } },
    ]) {
      const { api, rendered } = await renderCards(
        productWith(capabilities),
        async () => reporting({ backups: { state: 'done' } }),
      );
      expect(screen.queryByRole('region')).not.toBeInTheDocument();
      expect(screen.queryByRole('status')).not.toBeInTheDocument();
      expect(api.getProvisioning).not.toHaveBeenCalled();
      rendered.unmount();
    }
  });

  it('says what the capability says before the XR has reported on it, in and out of the cluster', async () => {
    const notYet = backupsCapability.card({ spec: backups }).state!;
    const notInCluster: ProvisioningReport = {
      ...reporting(),
      state: 'not-in-cluster',
      reason: 'The product is in Git but not in the cluster yet.',
      xr: undefined,
    };
    for (const report of [
      reporting(),
      reporting({ audit: { level: 'all' } }),
      notInCluster,
    ]) {
      const { rendered } = await renderCards(
        productWith({ backups }),
        async () => report,
      );
      const { status } = await stateOf('Nightly backups');
      await waitFor(() => expect(status).toHaveTextContent(notYet.label));
      expect(status).toHaveTextContent(notYet.detail!);
      rendered.unmount();
    }
  });

  it('says it is checking while the report loads, and keeps the facts of the spec', async () => {
    await renderCards(productWith({ backups }), () => new Promise(() => {}));
    const { status, tone } = await stateOf('Nightly backups');
    expect(status).toHaveTextContent('Checking…');
    expect(tone).toBe('Status pending');
    expect(factsShown(await cardTitled('Nightly backups'))).toEqual(
      factsOf(backupsCapability.card({ spec: backups })),
    );
  });

  it("says the state is not known when the report cannot be read, in the backend's words", async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'The cluster local is down.' },
        }),
        { status: 503, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    await renderCards(productWith({ backups }), async () => {
      throw error;
    });
    const { status } = await stateOf('Nightly backups');
    await waitFor(() => expect(status).toHaveTextContent('Not known just now'));
    expect(status).toHaveTextContent('The cluster local is down.');
  });

  it('says the state is not shown to someone who may not see what was provisioned', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Not allowed.' },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    await renderCards(productWith({ backups }), async () => {
      throw error;
    });
    const { status } = await stateOf('Nightly backups');
    await waitFor(() => expect(status).toHaveTextContent('Not shown'));
    expect(status).toHaveTextContent(
      'You may not see what was provisioned for this product.',
    );
  });

  it("says what to do when the product's settings for a capability cannot be read", async () => {
    await renderCards(productWith({ backups: { every: 'night' } }), async () =>
      reporting(),
    );
    const { status, tone } = await stateOf('Nightly backups');
    expect(status).toHaveTextContent('Cannot be shown');
    expect(status).toHaveTextContent('spec.capabilities.backups');
    expect(status).toHaveTextContent('the bucket is missing');
    expect(status).toHaveTextContent("Ask the product's owners to correct");
    expect(tone).toBe('Status error');
  });

  it('shows one card per capability, in the order of the list, each with its own status', async () => {
    await renderCards(
      productWith({ audit: { level: 'all' }, backups }),
      async () => reporting({ backups: { state: 'late' } }),
      [backupsCapability, auditCapability],
    );
    await cardTitled('Audit log');
    const regions = screen.getAllByRole('region');
    expect(regions.map(region => region.getAttribute('aria-label'))).toEqual([
      'Nightly backups',
      'Audit log',
    ]);
    expect(factsShown(regions[1])).toEqual([['Level', 'all']]);
    // A card without a state has no state line.
    expect(
      screen.queryByRole('status', { name: 'State of Audit log' }),
    ).not.toBeInTheDocument();
  });

  it('follows the status live: a change the backend signals shows without a reload', async () => {
    const signals = new FakeSignalApi();
    const answers = [
      reporting({ backups: { state: 'running' } }),
      reporting({ backups: { state: 'done', lastBackup: '2026-12-02' } }),
    ];
    const { api } = await renderCards(
      productWith({ backups }),
      async () => (answers.length > 1 ? answers.shift()! : answers[0]),
      [backupsCapability],
      signals,
    );
    const { status } = await stateOf('Nightly backups');
    await waitFor(() => expect(status).toHaveTextContent('Backing up'));
    const channel = provisioningSignalChannel(
      productXrOf(productWith({ backups })),
    );
    await waitFor(() => expect(signals.channels()).toContain(channel));
    act(() => signals.send(channel, { state: 'ready' }));
    await waitFor(() => expect(status).toHaveTextContent('Backed up'));
    expect(api.getProvisioning).toHaveBeenCalledTimes(2);
  });
});
