/*
 * A published product reaches the catalog on the publish action's event, not
 * on the GitOps provider's poll: started backends with the real catalog,
 * scaffolder, events service and meshifi's modules, the poll set to an hour.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import catalogModuleMeshifi from '@meshifi/plugin-catalog-backend-module-meshifi';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import path from 'path';
import { startTenancyBackend } from '../tenancy/__testUtils__/startTenancyBackend';

jest.setTimeout(180_000);

type Backend = Awaited<ReturnType<typeof startTenancyBackend>>;

describe('the catalog hears about a published product', () => {
  const dir = createMockDirectory();
  let git: GitHttpServer;

  async function backendWith(name: string, refreshOnEvents: boolean) {
    await createBareRepository(path.join(dir.path, 'server'), `${name}.git`);
    return startTenancyBackend({
      workDir: path.join(dir.path, name),
      gitopsUrl: git.url(`${name}.git`),
      features: [catalogModuleMeshifi],
      meshifi: {
        catalog: {
          defaultOwner: 'group:default/sales-analytics',
          gitops: {
            refreshOnEvents,
            // The poll is the safety net only: it does not run in this test.
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
          },
        },
      },
    });
  }

  /** Milliseconds until the catalog answers for a product, or undefined by the deadline. */
  async function msUntilInCatalog(
    backend: Backend,
    name: string,
    limit: number,
  ) {
    const started = Date.now();
    while (Date.now() - started < limit) {
      const found = await backend
        .api()
        .get(`/api/catalog/entities/by-name/dataproduct/default/${name}`)
        .set('Authorization', backend.as('ana'));
      if (found.status === 200) return Date.now() - started;
      await new Promise(r => setTimeout(r, 100));
    }
    return undefined;
  }

  const create = (backend: Backend, name: string) =>
    backend.runTemplate('ana', 'data-product', {
      name,
      title: name,
      version: '0.1.0',
      domain: 'domain:default/sales',
      owners: ['user:default/ana'],
    });

  beforeAll(async () => {
    dir.setContent({ evented: {}, polled: {} });
    git = await startGitHttpServer(path.join(dir.path, 'server'));
  });
  afterAll(() => git.stop());

  it('at once when the publish announces the push, and not before the poll without it', async () => {
    const [evented, polled] = await Promise.all([
      backendWith('evented', true),
      backendWith('polled', false),
    ]);
    for (const backend of [evented, polled]) {
      expect((await create(backend, 'orders')).status).toBe('completed');
    }
    expect(await msUntilInCatalog(evented, 'orders', 15_000)).toBeDefined();
    // The same push, unannounced, waits for a poll an hour away.
    expect(await msUntilInCatalog(polled, 'orders', 5_000)).toBeUndefined();
  });

  it('reads a burst of 20 products, each announced', async () => {
    const backend = await backendWith('burst', true);
    const names = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    const tasks = await Promise.all(names.map(name => create(backend, name)));
    expect(tasks.map(t => t.status)).toEqual(names.map(() => 'completed'));
    const found = await Promise.all(
      names.map(name => msUntilInCatalog(backend, name, 30_000)),
    );
    expect(found.filter(ms => ms === undefined)).toEqual([]);
  });
});
