import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { ProvisioningReport } from '@meshifi/common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { MeshifiApi, meshifiApiRef } from '../api';
import {
  FALLBACK_REFRESH_INTERVAL_MS,
  useProvisioning,
} from './useProvisioning';

/**
 * The hook's boundary to the signals backend is the app's SignalApi; this
 * stands in for it, as the signals plugin's client would once connected.
 */
/** A subscriber's callback, with the message type the signals API allows. */
type Listener = Parameters<SignalApi['subscribe']>[1];

class FakeSignalApi implements SignalApi {
  private readonly subscribers = new Map<string, Set<Listener>>();

  subscribe: SignalApi['subscribe'] = (channel, onMessage) => {
    const listeners = this.subscribers.get(channel) ?? new Set<Listener>();
    const listener = onMessage as Listener;
    listeners.add(listener);
    this.subscribers.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(listener) };
  };

  channels(): string[] {
    return [...this.subscribers]
      .filter(([, listeners]) => listeners.size > 0)
      .map(([channel]) => channel);
  }

  send(channel: string, message: Parameters<Listener>[0]) {
    for (const listener of this.subscribers.get(channel) ?? []) {
      listener(message);
    }
  }
}

const entity: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'customer-orders',
    namespace: 'default',
    annotations: {
      'meshifi.io/xr-namespace': 'sales',
      'meshifi.io/xr-name': 'customer-orders-xr',
    },
  },
  spec: {},
};
const CHANNEL = 'meshifi:provisioning:sales/customer-orders-xr';
const FILES_CHANNEL = 'meshifi:provisioning-files:sales';

const report = (state: ProvisioningReport['state']): ProvisioningReport => ({
  state,
  reason: state,
  observedAt: '2026-11-21T10:00:00Z',
  clusters: [{ name: 'local', connection: 'live' }],
  resources: [],
  missing: [],
  events: [],
});

/** An API that answers the reports in turn, the last one from then on. */
const answering = (...answers: ProvisioningReport[]) => ({
  getProvisioning: jest.fn(async () =>
    answers.length > 1 ? answers.shift()! : answers[0],
  ),
});

function render(api: Partial<MeshifiApi>, signals?: SignalApi) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [meshifiApiRef, api],
        ...(signals ? [[signalApiRef, signals] as const] : []),
      ]}
    >
      <EntityProvider entity={entity}>{children}</EntityProvider>
    </TestApiProvider>
  );
  return renderHook(() => useProvisioning(), { wrapper });
}

const advance = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms);
  });

describe('useProvisioning', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('listens on the channel of the XR the entity stands for, and does not poll', async () => {
    const signals = new FakeSignalApi();
    const api = answering(report('provisioning'));
    const { result, unmount } = render(api, signals);
    await waitFor(() =>
      expect(result.current.report?.state).toBe('provisioning'),
    );
    expect(signals.channels()).toEqual([CHANNEL, FILES_CHANNEL]);

    await advance(10 * 60_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(1);

    unmount();
    expect(signals.channels()).toEqual([]);
  });

  it('refetches on each signal, also after the product is ready', async () => {
    const signals = new FakeSignalApi();
    const api = answering(
      report('provisioning'),
      report('ready'),
      report('degraded'),
    );
    const { result } = render(api, signals);
    await waitFor(() =>
      expect(result.current.report?.state).toBe('provisioning'),
    );

    act(() =>
      signals.send(CHANNEL, {
        changed: true,
        observedAt: '2026-11-21T10:01:00Z',
      }),
    );
    await waitFor(() => expect(result.current.report?.state).toBe('ready'));

    act(() =>
      signals.send(CHANNEL, {
        changed: true,
        observedAt: '2026-11-21T10:02:00Z',
      }),
    );
    await waitFor(() => expect(result.current.report?.state).toBe('degraded'));
    expect(api.getProvisioning).toHaveBeenCalledTimes(3);
  });

  it("refetches on its domain's files changing while the cluster lacks the product, and only then", async () => {
    const signals = new FakeSignalApi();
    const api = answering(
      report('not-in-cluster'),
      report('not-in-cluster'),
      report('provisioning'),
    );
    const { result } = render(api, signals);
    await waitFor(() =>
      expect(result.current.report?.state).toBe('not-in-cluster'),
    );
    const filesChanged = (observedAt: string) =>
      act(() => signals.send(FILES_CHANNEL, { changed: true, observedAt }));

    filesChanged('2026-11-21T10:01:00Z');
    await waitFor(() => expect(api.getProvisioning).toHaveBeenCalledTimes(2));
    filesChanged('2026-11-21T10:02:00Z');
    await waitFor(() =>
      expect(result.current.report?.state).toBe('provisioning'),
    );
    // In the cluster, the product's own channel tells of every change.
    filesChanged('2026-11-21T10:03:00Z');
    await advance(1_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(3);
  });

  it("ignores other products' signals", async () => {
    const signals = new FakeSignalApi();
    const api = answering(report('ready'));
    const { result } = render(api, signals);
    await waitFor(() => expect(result.current.report?.state).toBe('ready'));
    act(() =>
      signals.send('meshifi:provisioning:sales/other', {
        changed: true,
        observedAt: '2026-11-21T10:01:00Z',
      }),
    );
    await advance(1_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(1);
  });

  it('asks every 30 s when the app has no signals, also after ready', async () => {
    const api = answering(report('ready'), report('degraded'));
    const { result } = render(api);
    await waitFor(() => expect(result.current.report?.state).toBe('ready'));

    await advance(FALLBACK_REFRESH_INTERVAL_MS - 1_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(1);
    await advance(1_000);
    await waitFor(() => expect(result.current.report?.state).toBe('degraded'));
    await advance(FALLBACK_REFRESH_INTERVAL_MS);
    expect(api.getProvisioning).toHaveBeenCalledTimes(3);
  });
});
