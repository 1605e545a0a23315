import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload } from '@backstage/plugin-signals-node';
import { ProvisioningSignals, SIGNAL_WINDOW_MS } from './ProvisioningSignals';

function recorder(publish?: () => Promise<void>) {
  const sent: SignalPayload[] = [];
  return {
    sent,
    signals: {
      publish: jest.fn(async (signal: SignalPayload) => {
        sent.push(signal);
        await publish?.();
      }),
    },
  };
}

describe('ProvisioningSignals', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-11-21T10:00:00Z'));
  });
  afterEach(() => jest.useRealTimers());

  const orders = { namespace: 'default', name: 'orders' };

  it('folds a burst of changes to one product into one signal that says nothing about it', () => {
    const { sent, signals } = recorder();
    const provisioning = new ProvisioningSignals({
      signals,
      logger: mockServices.logger.mock(),
    });
    for (let i = 0; i < 10; i++) {
      provisioning.changed(orders);
      jest.advanceTimersByTime(10);
    }
    jest.advanceTimersByTime(SIGNAL_WINDOW_MS);
    expect(sent).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'meshifi:provisioning:default/orders',
        message: { changed: true, observedAt: '2026-11-21T10:00:00.000Z' },
      },
    ]);
  });

  it('signals each product on its own channel, and a later change again', () => {
    const { sent, signals } = recorder();
    const provisioning = new ProvisioningSignals({
      signals,
      logger: mockServices.logger.mock(),
    });
    provisioning.changed(orders);
    provisioning.changed({ namespace: 'sales', name: 'orders' });
    jest.advanceTimersByTime(SIGNAL_WINDOW_MS - 1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent.map(s => s.channel)).toEqual([
      'meshifi:provisioning:default/orders',
      'meshifi:provisioning:sales/orders',
    ]);

    provisioning.changed(orders);
    jest.advanceTimersByTime(SIGNAL_WINDOW_MS);
    expect(sent.map(s => s.channel)).toEqual([
      'meshifi:provisioning:default/orders',
      'meshifi:provisioning:sales/orders',
      'meshifi:provisioning:default/orders',
    ]);
  });

  it("signals a change of a namespace's product files on that namespace's channel, apart from its products'", () => {
    const { sent, signals } = recorder();
    const provisioning = new ProvisioningSignals({
      signals,
      logger: mockServices.logger.mock(),
    });
    provisioning.filesChanged('sales');
    provisioning.filesChanged('sales');
    provisioning.changed({ namespace: 'sales', name: 'orders' });
    jest.advanceTimersByTime(SIGNAL_WINDOW_MS);
    expect(sent.map(s => s.channel)).toEqual([
      'meshifi:provisioning-files:sales',
      'meshifi:provisioning:sales/orders',
    ]);
  });

  it('sends nothing after it is stopped', () => {
    const { sent, signals } = recorder();
    const provisioning = new ProvisioningSignals({
      signals,
      logger: mockServices.logger.mock(),
    });
    provisioning.changed(orders);
    provisioning.stop();
    jest.advanceTimersByTime(SIGNAL_WINDOW_MS * 2);
    expect(sent).toEqual([]);
  });

  it('logs a signal it could not send and keeps signalling', async () => {
    const { sent, signals } = recorder(async () => {
      throw new Error('events bus down');
    });
    const logger = mockServices.logger.mock();
    const provisioning = new ProvisioningSignals({ signals, logger });
    provisioning.changed(orders);
    await jest.advanceTimersByTimeAsync(SIGNAL_WINDOW_MS);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /could not signal a change on meshifi:provisioning:default\/orders: Error: events bus down/,
      ),
    );
    provisioning.changed(orders);
    await jest.advanceTimersByTimeAsync(SIGNAL_WINDOW_MS);
    expect(sent).toHaveLength(2);
  });
});
