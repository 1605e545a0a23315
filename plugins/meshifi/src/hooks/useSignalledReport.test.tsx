import { NotAllowedError } from '@backstage/errors';
import { act } from '@testing-library/react';
import { advanceTime } from './__testUtils__/advanceTime';
import { FakeSignalApi } from './__testUtils__/FakeSignalApi';
import {
  HookContext,
  renderHookWithApis,
} from './__testUtils__/renderHookWithApis';
import {
  FALLBACK_REFRESH_INTERVAL_MS,
  SignalledReportOptions,
  useSignalledReport,
} from './useSignalledReport';

const CHANNEL = 'meshifi:test:sales/customer-orders-xr';

/** As useProvisioning does: the user may not see what the report is of. */
const givesUpOn = (error: Error) => error.name === 'NotAllowedError';

/** A load whose every call waits until the test answers it. */
function waitingLoad() {
  const calls: Array<{
    answer: (report: string) => Promise<void>;
    fail: (error: Error) => Promise<void>;
  }> = [];
  const load = jest.fn(
    () =>
      new Promise<string>((resolve, reject) => {
        calls.push({
          answer: report => act(async () => resolve(report)),
          fail: error => act(async () => reject(error)),
        });
      }),
  );
  return { load, calls };
}

const render = (
  load: () => Promise<string>,
  options?: SignalledReportOptions,
  context?: Pick<HookContext, 'signalsInstalled'>,
) =>
  renderHookWithApis(() => useSignalledReport(CHANNEL, load, options), context);

const signal = (signals: FakeSignalApi) =>
  act(() => signals.send(CHANNEL, { changed: true }));

describe('useSignalledReport', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows only the first load as loading, and the last report while it loads again', async () => {
    const { load, calls } = waitingLoad();
    const { result, signals } = render(load);
    expect(result.current.loading).toBe(true);
    await calls[0].answer('first');
    expect(result.current).toMatchObject({ report: 'first', loading: false });

    signal(signals);
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current).toMatchObject({ report: 'first', loading: false });
    await calls[1].answer('second');
    expect(result.current.report).toBe('second');
  });

  it('with loadingOnReload, shows each load as loading, the last report and failure kept meanwhile', async () => {
    const { load, calls } = waitingLoad();
    const { result, signals } = render(load, { loadingOnReload: true });
    await calls[0].answer('first');

    signal(signals);
    expect(result.current).toMatchObject({ report: 'first', loading: true });
    await calls[1].fail(new Error('The platform is restarting.'));
    expect(result.current).toMatchObject({ report: 'first', loading: false });
    expect(result.current.error?.message).toBe('The platform is restarting.');

    act(() => result.current.refresh());
    expect(result.current.loading).toBe(true);
    expect(result.current.error?.message).toBe('The platform is restarting.');
    await calls[2].answer('second');
    expect(result.current).toMatchObject({ report: 'second', loading: false });
    expect(result.current.error).toBeUndefined();
  });

  it('drops the answer of a load that a newer one replaced, failed or not', async () => {
    const { load, calls } = waitingLoad();
    const { result } = render(load);
    act(() => result.current.refresh());
    act(() => result.current.refresh());
    expect(load).toHaveBeenCalledTimes(3);

    await calls[2].answer('newest');
    await calls[0].answer('oldest');
    await calls[1].fail(new Error('Too late to matter.'));
    expect(result.current.report).toBe('newest');
    expect(result.current.error).toBeUndefined();
  });

  it('without signals, keeps asking every 30 s after a failure', async () => {
    const { load, calls } = waitingLoad();
    const { result } = render(load, {}, { signalsInstalled: false });
    await calls[0].fail(new Error('The platform is restarting.'));

    await advanceTime(FALLBACK_REFRESH_INTERVAL_MS);
    expect(load).toHaveBeenCalledTimes(2);
    await calls[1].answer('back');
    expect(result.current.report).toBe('back');
    expect(result.current.error).toBeUndefined();

    await advanceTime(FALLBACK_REFRESH_INTERVAL_MS);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('follows no signal once it gives up, and after a refresh by hand only those that come then', async () => {
    const { load, calls } = waitingLoad();
    const { result, signals } = render(load, { givesUpOn });
    await calls[0].answer('first');
    signal(signals);
    await calls[1].fail(
      new NotAllowedError('You may not see this data product.'),
    );
    signal(signals);
    await advanceTime(1_000);
    expect(load).toHaveBeenCalledTimes(2);

    act(() => result.current.refresh());
    await calls[2].answer('allowed again');
    await advanceTime(1_000);
    expect(load).toHaveBeenCalledTimes(3);
    signal(signals);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('without signals, stops polling once it gives up', async () => {
    const { load, calls } = waitingLoad();
    render(load, { givesUpOn }, { signalsInstalled: false });
    await calls[0].fail(new Error('The platform is restarting.'));
    await advanceTime(FALLBACK_REFRESH_INTERVAL_MS);
    await calls[1].fail(
      new NotAllowedError('You may not see this data product.'),
    );

    await advanceTime(10 * FALLBACK_REFRESH_INTERVAL_MS);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
