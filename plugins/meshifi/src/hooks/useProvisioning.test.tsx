import { ProvisioningReport } from '@meshifi/common';
import { act, waitFor } from '@testing-library/react';
import { MeshifiApi } from '../api';
import { advanceTime } from './__testUtils__/advanceTime';
import {
  dataProductEntity,
  HookContext,
  renderHookWithApis,
} from './__testUtils__/renderHookWithApis';
import {
  FALLBACK_REFRESH_INTERVAL_MS,
  useProvisioning,
} from './useProvisioning';

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

const render = (
  meshifi: Partial<MeshifiApi>,
  context?: Pick<HookContext, 'signalsInstalled'>,
) =>
  renderHookWithApis(() => useProvisioning(), {
    meshifi,
    entity: dataProductEntity,
    ...context,
  });

describe('useProvisioning', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('listens on the channel of the XR the entity stands for, and does not poll', async () => {
    const api = answering(report('provisioning'));
    const { result, signals, unmount } = render(api);
    await waitFor(() =>
      expect(result.current.report?.state).toBe('provisioning'),
    );
    expect(signals.channels()).toEqual([CHANNEL, FILES_CHANNEL]);

    await advanceTime(10 * 60_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(1);

    unmount();
    expect(signals.channels()).toEqual([]);
  });

  it('refetches on each signal, also after the product is ready', async () => {
    const api = answering(
      report('provisioning'),
      report('ready'),
      report('degraded'),
    );
    const { result, signals } = render(api);
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
    const api = answering(
      report('not-in-cluster'),
      report('not-in-cluster'),
      report('provisioning'),
    );
    const { result, signals } = render(api);
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
    await advanceTime(1_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(3);
  });

  it("ignores other products' signals", async () => {
    const api = answering(report('ready'));
    const { result, signals } = render(api);
    await waitFor(() => expect(result.current.report?.state).toBe('ready'));
    act(() =>
      signals.send('meshifi:provisioning:sales/other', {
        changed: true,
        observedAt: '2026-11-21T10:01:00Z',
      }),
    );
    await advanceTime(1_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(1);
  });

  it('asks every 30 s when the app has no signals, also after ready', async () => {
    const api = answering(report('ready'), report('degraded'));
    const { result } = render(api, { signalsInstalled: false });
    await waitFor(() => expect(result.current.report?.state).toBe('ready'));

    await advanceTime(FALLBACK_REFRESH_INTERVAL_MS - 1_000);
    expect(api.getProvisioning).toHaveBeenCalledTimes(1);
    await advanceTime(1_000);
    await waitFor(() => expect(result.current.report?.state).toBe('degraded'));
    await advanceTime(FALLBACK_REFRESH_INTERVAL_MS);
    expect(api.getProvisioning).toHaveBeenCalledTimes(3);
  });
});
