/*
 * The watch's recovery policy against a scripted API server. Scripted, not
 * the real kube-apiserver, because the policy is about moments a real one
 * produces only by chance or slowly: a watch ended by its timeout, a
 * resourceVersion compacted away (410), a 503 while it starts. The script
 * produces each on cue, in milliseconds, on any machine, and records every
 * request, so that a test can say "resumed from 3, did not list again".
 * The real-control-plane suites (the backend's provisioning and live
 * status, the stand-in provider) still run the watch
 * against a real kube-apiserver, restarts included.
 */
import { apiPathOf, KINDS } from '@meshifi/common';
import { backoffDelay } from './backoff';
import { KubernetesWatch, KubernetesWatchOptions } from './KubernetesWatch';
import {
  ScriptedApiServer,
  ScriptedObject,
} from './__testUtils__/scriptedApiServer';

const BACKOFF = { initialMs: 20, maxMs: 80 };

const dataset = (name: string): ScriptedObject => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'Dataset',
  metadata: { name, namespace: 'sales', managedFields: [{ manager: 'x' }] },
  spec: { forProvider: { location: 'EU' } },
});

/** Waits until `check` holds; fails saying what it waited for. */
async function until(check: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 2));
  }
}

/** The names of the objects a watch holds, sorted. */
const namesIn = (watch: KubernetesWatch<ScriptedObject>) =>
  watch
    .list()
    .map(o => o.metadata.name)
    .sort();

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('KubernetesWatch', () => {
  let server: ScriptedApiServer;
  const watches: KubernetesWatch<ScriptedObject>[] = [];

  beforeEach(async () => {
    server = await ScriptedApiServer.start(apiPathOf(KINDS.dataset));
  });

  afterEach(async () => {
    await Promise.all(watches.splice(0).map(w => w.stop()));
    await server.close();
  });

  function watchOf(
    options: Partial<KubernetesWatchOptions<ScriptedObject>> = {},
  ) {
    const changes: string[] = [];
    const logger = { info: jest.fn(), warn: jest.fn() };
    const watch = new KubernetesWatch<ScriptedObject>({
      kubeConfig: server.kubeConfig(),
      kind: KINDS.dataset,
      logger,
      backoff: BACKOFF,
      onChange: (change, object) =>
        changes.push(`${change} ${object.metadata.name}`),
      ...options,
    });
    watches.push(watch);
    return { watch, changes, logger };
  }

  /** The requests so far: `list`, or `watch from <resourceVersion>`. */
  const requests = () =>
    server.requests.map(r =>
      r.verb === 'watch' ? `watch from ${r.resourceVersion}` : 'list',
    );

  it('lists, then watches from the list, and holds what it saw', async () => {
    server.put(dataset('orders-raw'));
    const { watch, changes } = watchOf({
      labelSelector: 'meshifi.io/data-product',
    });

    const started = watch.start();
    expect(watch.state).toEqual({ state: 'connecting' });
    await started;
    expect(watch.state).toEqual({ state: 'synced', since: expect.any(Date) });
    expect(changes).toEqual(['upsert orders-raw']);

    server.put(dataset('orders-cleaned'));
    await until(() => changes.length === 2, 'the new dataset');
    expect(changes).toEqual(['upsert orders-raw', 'upsert orders-cleaned']);
    expect(namesIn(watch)).toEqual(['orders-cleaned', 'orders-raw']);
    expect(watch.get('orders-raw', 'sales')?.spec).toEqual({
      forProvider: { location: 'EU' },
    });
    // What no one reads is not kept.
    expect(watch.get('orders-raw', 'sales')?.metadata.managedFields).toBe(
      undefined,
    );
    expect(requests()).toEqual(['list', 'watch from 2']);
    expect(server.requests.map(r => r.labelSelector)).toEqual([
      'meshifi.io/data-product',
      'meshifi.io/data-product',
    ]);
  });

  /** A synced watch that saw one dataset listed and one added, at resourceVersion 3. */
  async function watchingTwoDatasets() {
    server.put(dataset('orders-raw'));
    const watched = watchOf();
    await watched.watch.start();
    server.put(dataset('orders-cleaned'));
    await until(() => watched.changes.length === 2, 'the second dataset');
    return watched;
  }

  it('resumes from the last resourceVersion when the API server ends a watch, without listing again', async () => {
    const { watch, changes, logger } = await watchingTwoDatasets();

    server.endWatches();
    server.put(dataset('orders-curated'));
    await until(() => changes.length === 3, 'the dataset of the gap');

    expect(changes[2]).toBe('upsert orders-curated');
    expect(requests()).toEqual(['list', 'watch from 2', 'watch from 3']);
    expect(watch.state.state).toBe('synced');
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('resumes from the last resourceVersion after a failure, and says it lost and found the cluster', async () => {
    const { watch, changes, logger } = await watchingTwoDatasets();

    server.fail('watch', 503);
    server.endWatches();
    await until(() => watch.state.state === 'failing', 'the failure');
    const failing = watch.state;
    expect(failing).toMatchObject({
      state: 'failing',
      failures: 1,
      error: { type: 'SERVICE_UNAVAILABLE', statusCode: 503 },
    });
    server.put(dataset('orders-curated'));

    await until(() => watch.state.state === 'synced', 'the recovery');
    await until(() => changes.length === 3, 'the dataset of the outage');
    expect(changes[2]).toBe('upsert orders-curated');
    expect(requests()).toEqual([
      'list',
      'watch from 2',
      'watch from 3',
      'watch from 3',
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'lost the watch of datasets.bigquery.gcp.m.upbound.io (the cluster answered HTTP 503); retrying, at least every 80 ms',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'watching datasets.bigquery.gcp.m.upbound.io again',
    );
  });

  /**
   * What a watch in that outage asks: a watch from 3 when the API server
   * ended the first, one that got the 503, one that got the 410, a list,
   * and a watch from that list's resourceVersion.
   */
  const listedAgainAt = (resourceVersion: number) => [
    'list',
    'watch from 3',
    'watch from 3',
    'watch from 3',
    'list',
    `watch from ${resourceVersion}`,
  ];

  /** A watch of two datasets that has just lost the API server (a 503). */
  async function watchInAnOutage() {
    server.put(dataset('orders-raw'));
    server.put(dataset('orders-cleaned'));
    const watched = watchOf();
    await watched.watch.start();
    server.fail('watch', 503);
    server.endWatches();
    await until(() => watched.watch.state.state === 'failing', 'the failure');
    return watched;
  }

  it('lists again when its resourceVersion was compacted away (a watch ERROR event, 410), and reports what went meanwhile as deleted', async () => {
    const { watch, changes } = await watchInAnOutage();
    server.remove('orders-cleaned', 'sales');
    server.put(dataset('orders-curated'));
    server.compact();

    await until(() => changes.length === 4, 'the changes of the outage');
    expect(changes).toEqual([
      'upsert orders-raw',
      'upsert orders-cleaned',
      'delete orders-cleaned',
      'upsert orders-curated',
    ]);
    await until(() => server.openWatches === 1, 'the new watch');
    expect(requests()).toEqual(listedAgainAt(5));
    await until(() => watch.state.state === 'synced', 'the recovery');
    expect(namesIn(watch)).toEqual(['orders-curated', 'orders-raw']);
  });

  it('lists again when a watch is answered 410 Gone', async () => {
    const { watch, changes } = await watchInAnOutage();
    server.fail('watch', 410, { body: ScriptedApiServer.expired('3') });
    server.remove('orders-cleaned', 'sales');

    await until(() => changes.length === 3, 'the deletion of the outage');
    expect(changes[2]).toBe('delete orders-cleaned');
    await until(() => server.openWatches === 1, 'the new watch');
    expect(requests()).toEqual(listedAgainAt(4));
    await until(() => watch.state.state === 'synced', 'the recovery');
  });

  it('backs off, doubling the wait up to the cap, and recovers', async () => {
    server.fail('list', 503, { times: 5 });
    const { watch } = watchOf();
    await watch.start();
    expect(watch.state).toMatchObject({ state: 'failing', failures: 1 });

    await until(() => watch.state.state === 'synced', 'the recovery');
    const lists = server.requests.filter(r => r.verb === 'list');
    expect(lists).toHaveLength(6);
    const waits = lists.slice(1).map((r, i) => r.at - lists[i].at);
    // Timers never fire early; a loaded machine only makes them later.
    waits.forEach((wait, i) =>
      expect(wait).toBeGreaterThanOrEqual(backoffDelay(i + 1, BACKOFF) - 2),
    );
    expect([1, 2, 3, 4, 5].map(n => backoffDelay(n, BACKOFF))).toEqual([
      20, 40, 80, 80, 80,
    ]);
  });

  it('keeps the start of an outage and counts its failures', async () => {
    server.fail('list', 401, { times: 3 });
    const { watch, logger } = watchOf();
    await watch.start();
    const first = watch.state;
    await until(
      () => watch.state.state === 'failing' && watch.state.failures === 3,
      'three failures',
    );
    expect(watch.state).toMatchObject({
      state: 'failing',
      since: (first as { since: Date }).since,
      error: {
        type: 'UNAUTHORIZED',
        statusCode: 401,
        message: "the cluster does not accept meshifi's credentials (HTTP 401)",
      },
    });
    // One warning an outage, not one a retry.
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^cannot watch datasets\.bigquery.*HTTP 401/),
    );
    await until(() => watch.state.state === 'synced', 'the recovery');
  });

  it('says calmly, once, that a cluster lacks an optional kind, and finds it once installed', async () => {
    server.fail('list', 404, { times: 3 });
    const { watch, logger } = watchOf({ optional: true });
    await watch.start();
    expect(watch.state).toMatchObject({
      state: 'failing',
      error: { type: 'NOT_FOUND' },
    });
    await until(
      () => watch.state.state === 'failing' && watch.state.failures === 3,
      'three failures',
    );
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^this cluster has no datasets\.bigquery/),
    );
    await until(() => watch.state.state === 'synced', 'the installed kind');
  });

  it('warns of anything else an optional kind meets, and of a kind not optional missing', async () => {
    server.fail('list', 403, { times: 1 });
    const optional = watchOf({ optional: true });
    await optional.watch.start();
    expect(optional.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^cannot watch datasets\.bigquery.*403/),
    );
    await until(() => optional.watch.state.state === 'synced', 'the recovery');

    server.fail('list', 404, { times: 1 });
    const required = watchOf();
    await required.watch.start();
    expect(required.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^cannot watch datasets\.bigquery/),
    );
    expect(required.logger.info).not.toHaveBeenCalledWith(
      expect.stringMatching(/has no/),
    );
  });

  it('says a cluster that does not answer is unreachable', async () => {
    const closed = await ScriptedApiServer.start('/nothing');
    const kubeConfig = closed.kubeConfig();
    await closed.close();
    const { watch } = watchOf({ kubeConfig });
    await watch.start();
    expect(watch.state).toMatchObject({
      state: 'failing',
      error: {
        type: 'UNREACHABLE',
        message: expect.stringMatching(
          /^no connection to the cluster: connect ECONNREFUSED/,
        ),
      },
    });
  });

  it('stops: no more changes, no open watch', async () => {
    const { watch, changes } = watchOf();
    await watch.start();
    expect(server.openWatches).toBe(1);

    await watch.stop();
    expect(watch.state).toEqual({ state: 'stopped' });
    await until(() => server.openWatches === 0, 'the watch to end');
    server.put(dataset('orders-raw'));
    await sleep(50);
    expect(changes).toEqual([]);
    expect(requests()).toEqual(['list', 'watch from 1']);
  });

  it('stops retrying when stopped while failing', async () => {
    server.fail('list', 503, { times: 100 });
    const { watch } = watchOf();
    await watch.start();
    expect(watch.state.state).toBe('failing');

    await watch.stop();
    const made = server.requests.length;
    await sleep(BACKOFF.maxMs * 3);
    expect(server.requests).toHaveLength(made);
    expect(watch.state).toEqual({ state: 'stopped' });
  });
});
