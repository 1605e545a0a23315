import { LoggerService } from '@backstage/backend-plugin-api';
import {
  productFilesSignalChannel,
  ProductXr,
  ProvisioningSignal,
  accessSignalChannel,
  provisioningSignalChannel,
} from '@meshifi/common';
import { SignalsService } from '@backstage/plugin-signals-node';

/**
 * How long changes to one product are gathered into one signal. A product's
 * ten resources turning Ready together reach the watch within a few
 * milliseconds of each other; 150 ms gathers them and still leaves the page
 * well under a second behind the cluster.
 */
export const SIGNAL_WINDOW_MS = 150;

/**
 * Tells open product pages that a product's provisioning report may have
 * changed, so that they refetch it instead of polling.
 *
 * Every signal is a broadcast: the backend does not know who may read which
 * product, and asking the permission framework per change would cost more
 * than the signal. That is safe only because the message carries nothing
 * about the product (just "changed" and a time) and the channel names only
 * the XR; what changed is read through the permission-checked report route.
 *
 * The first change of a product opens a window; every further change within
 * it is folded into the one signal sent when it closes.
 */
export class ProvisioningSignals {
  private readonly signals: SignalsService;
  private readonly logger: LoggerService;
  private readonly windowMs: number;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(options: {
    signals: SignalsService;
    logger: LoggerService;
    windowMs?: number;
  }) {
    this.signals = options.signals;
    this.logger = options.logger;
    this.windowMs = options.windowMs ?? SIGNAL_WINDOW_MS;
  }

  /** Notes that something about the product changed in the cluster. */
  changed(xr: ProductXr): void {
    this.gather(provisioningSignalChannel(xr));
  }

  /** Notes that whether the files of a namespace's products apply may have changed. */
  filesChanged(namespace: string): void {
    this.gather(productFilesSignalChannel(namespace));
  }

  /** Notes that a product's access changed: a request, a decision, or a grant in the cluster. */
  accessChanged(xr: ProductXr): void {
    this.gather(accessSignalChannel(xr));
  }

  private gather(channel: string): void {
    if (this.pending.has(channel)) {
      return;
    }
    const observedAt = new Date().toISOString();
    this.pending.set(
      channel,
      setTimeout(() => {
        this.pending.delete(channel);
        this.publish(channel, observedAt);
      }, this.windowMs),
    );
  }

  /** Drops the changes not signalled yet: the backend is shutting down. */
  stop(): void {
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    this.pending.clear();
  }

  private publish(channel: string, observedAt: string) {
    const message: ProvisioningSignal = { changed: true, observedAt };
    this.signals
      .publish({ recipients: { type: 'broadcast' }, channel, message })
      .catch(error =>
        // A lost signal costs one page an update until its next change; it
        // must not take the watch down.
        this.logger.warn(
          `meshifi could not signal a change on ${channel}: ${error}`,
        ),
      );
  }
}
