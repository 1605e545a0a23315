import { Entity } from '@backstage/catalog-model';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { AccessGrantView, ProductAccessReport } from '@meshifi/common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { MeshifiApi, meshifiApiRef } from '../api';
import { FakeSignalApi } from './__testUtils__/FakeSignalApi';
import { useProductAccess } from './useProductAccess';
import { FALLBACK_REFRESH_INTERVAL_MS } from './useProvisioning';

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
const CHANNEL = 'meshifi:access:sales/customer-orders-xr';

/** A report of one grant in the given state. */
const report = (state: AccessGrantView['state']): ProductAccessReport => ({
  mayApprove: false,
  grants: [
    {
      grantName: 'customer-orders-ana',
      product: 'dataproduct:default/customer-orders',
      consumer: { type: 'user', email: 'ana@example.com' },
      layer: 'curated',
      level: 'read',
      purpose: 'Monthly revenue report',
      expires: '2027-03-31',
      state,
      stateText: state,
      mayDecide: false,
    },
  ],
});
const stateOf = (r?: ProductAccessReport) => r?.grants[0].state;

/** An API that answers in turn, the last answer from then on. */
const answering = (...answers: Array<ProductAccessReport | Error>) => ({
  getProductAccess: jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  }),
});

function render(api: Partial<MeshifiApi>, signals?: SignalApi) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [meshifiApiRef, api],
        ...(signals ? [[signalApiRef, signals] as const] : []),
      ]}
    >
      {children}
    </TestApiProvider>
  );
  return renderHook(() => useProductAccess(entity), { wrapper });
}

const advance = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms);
  });

describe('useProductAccess', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('loads the report of the entity it is given, on the channel of its XR', async () => {
    const signals = new FakeSignalApi();
    const api = answering(report('active'));
    const { result, unmount } = render(api, signals);
    await waitFor(() => expect(stateOf(result.current.report)).toBe('active'));
    expect(api.getProductAccess).toHaveBeenCalledWith({
      kind: 'DataProduct',
      namespace: 'default',
      name: 'customer-orders',
    });
    expect(signals.channels()).toEqual([CHANNEL]);

    await advance(10 * 60_000);
    expect(api.getProductAccess).toHaveBeenCalledTimes(1);
    unmount();
    expect(signals.channels()).toEqual([]);
  });

  it('loads again on each signal, and not on other products', async () => {
    const signals = new FakeSignalApi();
    const api = answering(
      report('awaiting-approval'),
      report('being-granted'),
      report('active'),
    );
    const { result } = render(api, signals);
    await waitFor(() =>
      expect(stateOf(result.current.report)).toBe('awaiting-approval'),
    );

    act(() => signals.send(CHANNEL, { changed: true }));
    await waitFor(() =>
      expect(stateOf(result.current.report)).toBe('being-granted'),
    );
    act(() => signals.send('meshifi:access:sales/other', { changed: true }));
    await advance(1_000);
    expect(api.getProductAccess).toHaveBeenCalledTimes(2);

    act(() => signals.send(CHANNEL, { changed: true }));
    await waitFor(() => expect(stateOf(result.current.report)).toBe('active'));
  });

  it('keeps the last report when a later load fails, and shows the failure', async () => {
    const signals = new FakeSignalApi();
    const api = answering(
      report('active'),
      new Error('The platform is restarting.'),
      report('ended'),
    );
    const { result } = render(api, signals);
    await waitFor(() => expect(stateOf(result.current.report)).toBe('active'));

    act(() => signals.send(CHANNEL, { changed: true }));
    await waitFor(() =>
      expect(result.current.error?.message).toBe('The platform is restarting.'),
    );
    expect(stateOf(result.current.report)).toBe('active');

    act(() => result.current.refresh());
    await waitFor(() => expect(stateOf(result.current.report)).toBe('ended'));
    expect(result.current.error).toBeUndefined();
  });

  it('asks every 30 s when the app has no signals', async () => {
    const api = answering(report('active'), report('expiring'));
    const { result } = render(api);
    await waitFor(() => expect(stateOf(result.current.report)).toBe('active'));

    await advance(FALLBACK_REFRESH_INTERVAL_MS - 1_000);
    expect(api.getProductAccess).toHaveBeenCalledTimes(1);
    await advance(1_000);
    await waitFor(() =>
      expect(stateOf(result.current.report)).toBe('expiring'),
    );
  });
});
