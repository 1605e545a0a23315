/*
 * Against the real signals backend in a started test backend: its first
 * WebSocket upgrade goes unanswered, which is why the plugin sends one
 * itself; after that, a browser's first connection opens at once.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { answerFirstSignalsUpgrade } from './answerFirstSignalsUpgrade';

type Started = Awaited<ReturnType<typeof startTestBackend>>;

async function signalsBackend(): Promise<{ backend: Started; url: string }> {
  const backend = await startTestBackend({
    features: [signalsPlugin],
  });
  const { port } = backend.server.address() as { port: number };
  return { backend, url: `ws://localhost:${port}/api/signals` };
}

/** Whether a WebSocket opens within the time a browser's signals client waits (1 s). */
function opensWithin(url: string, ms: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.close();
      resolve(false);
    }, ms);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      socket.close();
      resolve(true);
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

describe('answerFirstSignalsUpgrade', () => {
  const started: Started[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map(b => b.stop()));
  });

  it('is needed: the signals backend leaves its first upgrade unanswered', async () => {
    const { backend, url } = await signalsBackend();
    started.push(backend);
    expect(await opensWithin(url, 1_000)).toBe(false);
    expect(await opensWithin(url, 1_000)).toBe(true);
  });

  it("sends that first upgrade itself, so a browser's first connection opens at once", async () => {
    const { backend, url } = await signalsBackend();
    started.push(backend);
    const httpUrl = url.replace(/^ws:/, 'http:');
    const outcome = await answerFirstSignalsUpgrade({
      discovery: {
        getBaseUrl: async () => httpUrl,
        getExternalBaseUrl: async () => httpUrl,
      },
      logger: mockServices.logger.mock(),
      timeoutMs: 500,
    });
    expect(outcome).toBe('primed');
    expect(await opensWithin(url, 1_000)).toBe(true);

    // Once primed, a second call is answered and changes nothing.
    expect(
      await answerFirstSignalsUpgrade({
        discovery: {
          getBaseUrl: async () => httpUrl,
          getExternalBaseUrl: async () => httpUrl,
        },
        logger: mockServices.logger.mock(),
        timeoutMs: 500,
      }),
    ).toBe('answered');
  });

  it('says so, and gives up, when nothing listens', async () => {
    const logger = mockServices.logger.mock();
    const outcome = await answerFirstSignalsUpgrade({
      discovery: {
        getBaseUrl: async () => 'http://127.0.0.1:9/api/signals',
        getExternalBaseUrl: async () => 'http://127.0.0.1:9/api/signals',
      },
      logger,
      attempts: 2,
      retryDelayMs: 10,
    });
    expect(outcome).toBe('unreachable');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('may show no live changes on product pages'),
    );
  });
});
