import { SignalApi } from '@backstage/plugin-signals-react';

/** A subscriber's callback, with the message type the signals API allows. */
type Listener = Parameters<SignalApi['subscribe']>[1];

/**
 * The hooks' boundary to the signals backend is the app's SignalApi; this
 * stands in for it, as the signals plugin's client would once connected.
 */
export class FakeSignalApi implements SignalApi {
  private readonly subscribers = new Map<string, Set<Listener>>();

  subscribe: SignalApi['subscribe'] = (channel, onMessage) => {
    const listeners = this.subscribers.get(channel) ?? new Set<Listener>();
    const listener = onMessage as Listener;
    listeners.add(listener);
    this.subscribers.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(listener) };
  };

  /** The channels someone listens on now. */
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
