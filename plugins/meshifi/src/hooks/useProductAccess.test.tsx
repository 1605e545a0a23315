import { AccessGrantView, ProductAccessReport } from '@meshifi/common';
import { act, waitFor } from '@testing-library/react';
import { MeshifiApi } from '../api';
import { advanceTime } from './__testUtils__/advanceTime';
import {
  dataProductEntity,
  HookContext,
  renderHookWithApis,
} from './__testUtils__/renderHookWithApis';
import { useProductAccess } from './useProductAccess';
import { FALLBACK_REFRESH_INTERVAL_MS } from './useSignalledReport';

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

const render = (
  meshifi: Partial<MeshifiApi>,
  context?: Pick<HookContext, 'signalsInstalled'>,
) =>
  renderHookWithApis(() => useProductAccess(dataProductEntity), {
    meshifi,
    ...context,
  });

describe('useProductAccess', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('loads the report of the entity it is given, on the channel of its XR', async () => {
    const api = answering(report('active'));
    const { result, signals, unmount } = render(api);
    await waitFor(() => expect(stateOf(result.current.report)).toBe('active'));
    expect(api.getProductAccess).toHaveBeenCalledWith({
      kind: 'DataProduct',
      namespace: 'default',
      name: 'customer-orders',
    });
    expect(signals.channels()).toEqual([CHANNEL]);

    await advanceTime(10 * 60_000);
    expect(api.getProductAccess).toHaveBeenCalledTimes(1);
    unmount();
    expect(signals.channels()).toEqual([]);
  });

  it('loads again on each signal, and not on other products', async () => {
    const api = answering(
      report('awaiting-approval'),
      report('being-granted'),
      report('active'),
    );
    const { result, signals } = render(api);
    await waitFor(() =>
      expect(stateOf(result.current.report)).toBe('awaiting-approval'),
    );

    act(() => signals.send(CHANNEL, { changed: true }));
    await waitFor(() =>
      expect(stateOf(result.current.report)).toBe('being-granted'),
    );
    act(() => signals.send('meshifi:access:sales/other', { changed: true }));
    await advanceTime(1_000);
    expect(api.getProductAccess).toHaveBeenCalledTimes(2);

    act(() => signals.send(CHANNEL, { changed: true }));
    await waitFor(() => expect(stateOf(result.current.report)).toBe('active'));
  });

  it('keeps the last report when a later load fails, and shows the failure', async () => {
    const api = answering(
      report('active'),
      new Error('The platform is restarting.'),
      report('ended'),
    );
    const { result, signals } = render(api);
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
    const { result } = render(api, { signalsInstalled: false });
    await waitFor(() => expect(stateOf(result.current.report)).toBe('active'));

    await advanceTime(FALLBACK_REFRESH_INTERVAL_MS - 1_000);
    expect(api.getProductAccess).toHaveBeenCalledTimes(1);
    await advanceTime(1_000);
    await waitFor(() =>
      expect(stateOf(result.current.report)).toBe('expiring'),
    );
  });
});
