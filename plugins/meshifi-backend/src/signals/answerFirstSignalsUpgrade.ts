import { DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';
import { randomBytes } from 'crypto';
import http from 'http';

/**
 * The signals backend (@backstage/plugin-signals-backend 0.3) starts
 * handling WebSocket upgrades only when the first upgrade request reaches
 * its router, and leaves that first request unanswered. Chromium lets one
 * WebSocket per host be connecting at a time and queues the others behind
 * it, so the browser that happened to send that first request never gets a
 * connection: its product pages show no live changes until it is
 * restarted. meshifi's pages depend on signals, so the plugin sends that
 * first upgrade itself once the backend has started, and drops it.
 */

/** What sending the first upgrade found. */
export type SignalsUpgradeOutcome =
  /** Unanswered, as the first one is: the signals backend handles the next. */
  | 'primed'
  /** Answered (101, or a refusal): the signals backend already handled it. */
  | 'answered'
  /** The backend could not be reached, or has no signals route. */
  | 'unreachable';

function sendUpgrade(
  url: string,
  timeoutMs: number,
): Promise<SignalsUpgradeOutcome | { error: Error }> {
  return new Promise(resolve => {
    const req = http.request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve('primed');
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve('answered');
    });
    req.on('response', res => {
      res.resume();
      resolve(res.statusCode === 404 ? 'unreachable' : 'answered');
    });
    req.on('error', error => resolve({ error }));
    req.end();
  });
}

/**
 * Sends the signals backend its first WebSocket upgrade and drops it,
 * trying again while the backend does not listen yet.
 */
export async function answerFirstSignalsUpgrade(options: {
  discovery: DiscoveryService;
  logger: LoggerService;
  timeoutMs?: number;
  attempts?: number;
  retryDelayMs?: number;
}): Promise<SignalsUpgradeOutcome> {
  const { timeoutMs = 1_000, attempts = 10, retryDelayMs = 500 } = options;
  const url = await options.discovery.getBaseUrl('signals');
  let failure: Error | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const outcome = await sendUpgrade(url, timeoutMs);
    if (typeof outcome === 'string') {
      if (outcome === 'unreachable') {
        options.logger.debug(
          `no signals backend at ${url}: product pages refresh every 30 s instead of live`,
        );
      }
      return outcome;
    }
    failure = outcome.error;
    await new Promise(resolve => setTimeout(resolve, retryDelayMs));
  }
  options.logger.warn(
    `could not open the signals backend's WebSocket handling at ${url} (${failure?.message}): the first browser after this start may show no live changes on product pages`,
  );
  return 'unreachable';
}
