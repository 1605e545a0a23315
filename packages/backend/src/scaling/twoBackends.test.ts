/*
 * Two replicas of the backend, as the Helm values run them: two started
 * backends with the real catalog, scaffolder, search (PostgreSQL engine),
 * permission framework and meshifi's modules, on ONE PostgreSQL database
 * (a schema per plugin, shared by both) and ONE GitOps remote on a real
 * smart-HTTP git server. Twenty creates go through the Create page's path
 * (the data-product template: meshifi:dataproduct:create, then
 * meshifi:gitops:publish) split across them, some names sent to both at once.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { JsonObject } from '@backstage/config';
import {
  createMockDirectory,
  TestDatabases,
} from '@backstage/backend-test-utils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import searchModulePg from '@backstage/plugin-search-backend-module-pg';
import catalogModuleMeshifi from '@meshifi/plugin-catalog-backend-module-meshifi';
import searchModuleMeshifiCollator from '@meshifi/plugin-search-backend-module-meshifi';
import {
  createBareRepository,
  eventually,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import path from 'path';
import {
  startTenancyBackend,
  TestUser,
} from '../tenancy/__testUtils__/startTenancyBackend';
import {
  recordingSchedulerFactory,
  TaskLedger,
} from './__testUtils__/recordingScheduler';

jest.setTimeout(300_000);

// Docker is never used: PostgreSQL is the one the test command starts.
const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
const hasPostgres = databases.supports('POSTGRES_15');

it('has PostgreSQL whenever the test command started it', () => {
  const required = process.env.MESHIFI_REQUIRE_POSTGRES === 'true';
  expect(!required || hasPostgres).toBe(true);
});

/** The schedules the test shortens, so that each runs many times. */
const GITOPS_REFRESH_S = 2;
const SCHEDULED = [
  { plugin: 'catalog', task: 'meshifi-gitops:refresh' },
  { plugin: 'search', task: 'search_index_software_catalog' },
  { plugin: 'scaffolder', task: 'close_stale_tasks' },
] as const;

type Backend = Awaited<ReturnType<typeof startTenancyBackend>>;

interface Create {
  name: string;
  backend: 0 | 1;
  user: TestUser;
  domain: 'sales' | 'finance';
  owner: string;
}

/**
 * 14 distinct products, alternately on each backend, and 3 names each sent
 * to both backends at once by two people with different owners: 20 creates.
 */
const DISTINCT: Create[] = Array.from({ length: 14 }, (_, i) => {
  const sales = i % 2 === 0;
  return {
    name: `replica-${String(i).padStart(2, '0')}`,
    backend: (i % 2) as 0 | 1,
    user: sales ? 'ana' : 'bo',
    domain: sales ? 'sales' : 'finance',
    owner: sales ? 'user:default/ana' : 'user:default/bo',
  };
});
const CLASHING = ['twin-orders', 'twin-invoices', 'twin-returns'];
const PAIRS: Create[] = CLASHING.flatMap(name => [
  {
    name,
    backend: 0 as const,
    user: 'ana' as const,
    domain: 'sales' as const,
    owner: 'user:default/ana',
  },
  {
    name,
    backend: 1 as const,
    user: 'pat' as const,
    domain: 'sales' as const,
    owner: 'user:default/pat',
  },
]);
const CREATES = [...DISTINCT, ...PAIRS];
const NAMES = [...new Set(CREATES.map(c => c.name))];

const TITLE = 'two backends on one PostgreSQL and one git remote';

(hasPostgres ? describe : describe.skip)(
  hasPostgres
    ? TITLE
    : `${TITLE}: skipped, no PostgreSQL (./meshifi test starts one and sets BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)`,
  () => {
    const dir = createMockDirectory();
    const ledger = new TaskLedger();
    let git: GitHttpServer;
    let remote: string;
    let backends: Backend[];
    let results: Array<{ create: Create; status: string; log: string }>;
    let commitsBefore: number;

    const git$ = (...args: string[]) =>
      execFileSync('git', args, { cwd: remote, encoding: 'utf8' }).trim();
    const commitCount = () => {
      try {
        return Number(git$('rev-list', '--count', 'main'));
      } catch {
        return 0; // no commit yet
      }
    };
    const productFiles = () =>
      git$('ls-tree', '-r', '--name-only', 'main')
        .split('\n')
        .filter(f => /^domains\/[^/]+\/products\/[^/]+\.yaml$/.test(f));

    beforeAll(async () => {
      dir.setContent({ a: {}, b: {} });
      git = await startGitHttpServer(path.join(dir.path, 'server'));
      remote = await createBareRepository(
        path.join(dir.path, 'server'),
        'gitops.git',
      );
      // One logical database for both, as two replicas share one: the
      // connection of a fresh database TestDatabases made (and drops).
      const knex = await databases.init('POSTGRES_15');
      const connection = (knex.client.config as { connection: JsonObject })
        .connection;
      await knex.destroy();

      const start = (instance: string) =>
        startTenancyBackend({
          workDir: path.join(dir.path, instance),
          gitopsUrl: git.url('gitops.git'),
          database: {
            client: 'pg',
            connection,
            pluginDivisionMode: 'schema',
            knexConfig: { pool: { min: 0, max: 5 } },
          },
          scheduler: recordingSchedulerFactory(instance, ledger),
          config: {
            search: {
              collators: {
                catalog: {
                  schedule: {
                    frequency: { seconds: 3 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
            scaffolder: { taskTimeoutJanitorFrequency: { seconds: 2 } },
          },
          features: [
            databaseServiceFactory,
            catalogModuleMeshifi,
            searchPlugin,
            searchModulePg,
            searchModuleCatalogCollator,
            searchModuleMeshifiCollator,
          ],
          meshifi: {
            catalog: {
              defaultOwner: 'group:default/data-platform',
              gitops: {
                schedule: {
                  frequency: { seconds: GITOPS_REFRESH_S },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        });
      // One after the other: the first runs the plugins' migrations.
      backends = [await start('a'), await start('b')];
      commitsBefore = commitCount();

      results = await Promise.all(
        CREATES.map(async create => {
          const { status, log } = await backends[create.backend].runTemplate(
            create.user,
            'data-product',
            {
              name: create.name,
              title: `${create.name} by ${create.user}`,
              version: '0.1.0',
              domain: `domain:default/${create.domain}`,
              owners: [create.owner],
            },
          );
          return { create, status, log };
        }),
      );
    });
    afterAll(() => git?.stop());

    it('commits every distinct product exactly once', () => {
      for (const { create, status, log } of results.filter(r =>
        DISTINCT.includes(r.create),
      )) {
        // Failing with the task's log, which says what went wrong.
        if (status !== 'completed') {
          throw new Error(`${create.name} ended ${status}; its log:\n${log}`);
        }
      }
      const files = productFiles();
      expect(files.map(f => path.basename(f, '.yaml')).sort()).toEqual(
        [...NAMES].sort(),
      );
      for (const file of files) {
        // Added once in the whole history, never replaced or re-added.
        expect(
          git$('log', '--format=%H', '--diff-filter=A', 'main', '--', file)
            .split('\n')
            .filter(Boolean),
        ).toHaveLength(1);
        expect(
          git$('log', '--format=%H', 'main', '--', file)
            .split('\n')
            .filter(Boolean),
        ).toHaveLength(1);
      }
    });

    it('lets one of each same-name pair through and tells the other to pick another name', () => {
      for (const name of CLASHING) {
        const pair = results.filter(r => r.create.name === name);
        expect(pair.map(r => r.status).sort()).toEqual(['completed', 'failed']);
        const winner = pair.find(r => r.status === 'completed')!;
        const loser = pair.find(r => r.status === 'failed')!;
        expect(loser.log).toMatch(
          new RegExp(`"?${name}"?.* already exists.*[Pp]ick another name`),
        );
        // The file in git is the winner's, whoever lost.
        const committed = git$(
          'show',
          `main:domains/sales/products/${name}.yaml`,
        );
        expect(committed).toContain(`${name} by ${winner.create.user}`);
        expect(committed).not.toContain(`${name} by ${loser.create.user}`);
      }
    });

    it('loses no commit: every commit a task reported is on main, one per product', () => {
      const reported = results
        .filter(r => r.status === 'completed')
        .map(r => {
          const match = r.log.match(/Committed \S+ as ([0-9a-f]{40})/);
          expect({ name: r.create.name, commit: match?.[1] }).toEqual({
            name: r.create.name,
            commit: expect.stringMatching(/^[0-9a-f]{40}$/),
          });
          return match![1];
        });
      expect(new Set(reported).size).toBe(NAMES.length);
      for (const commit of reported) {
        expect(() =>
          git$('merge-base', '--is-ancestor', commit, 'main'),
        ).not.toThrow();
      }
      // Nothing else was committed: what was there before, and one commit
      // per product.
      expect(commitCount()).toBe(commitsBefore + NAMES.length);
    });

    it('shows the same products in both catalogs', async () => {
      const productsIn = async (backend: Backend) => {
        const res = await backend
          .api()
          .get(
            '/api/catalog/entities?filter=kind=DataProduct&fields=metadata.name',
          )
          .set('Authorization', backend.as('pat'));
        expect(res.status).toBe(200);
        return (res.body as Array<{ metadata: { name: string } }>)
          .map(e => e.metadata.name)
          .sort();
      };
      await eventually(
        async () => {
          const [a, b] = await Promise.all(backends.map(productsIn));
          expect(a).toEqual([...NAMES].sort());
          expect(b).toEqual(a);
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    });

    it('runs each scheduled task on one instance at a time', async () => {
      // Long enough for several runs of each after the creates.
      await eventually(
        () => {
          const few = SCHEDULED.map(({ plugin, task }) => ({
            task,
            runs: ledger.runsOf(plugin, task).length,
          })).filter(({ runs }) => runs < 3);
          expect(few).toEqual([]);
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      for (const { plugin, task } of SCHEDULED) {
        // Both replicas asked for it...
        expect(
          [...(ledger.scheduledBy.get(`${plugin}:${task}`) ?? [])].sort(),
        ).toEqual(['a', 'b']);
        // ...and the scheduler's lock in the shared database let one run at
        // a time, however many instances wanted it.
        expect(ledger.overlapsOf(plugin, task)).toEqual([]);
      }
      // One schedule for both, not one per instance: Backstage keeps a
      // shared task to its period (a late run moves the next one earlier,
      // never adds one), so in any stretch of time there are at most one
      // run per period and one more; a schedule per instance would give
      // about twice that.
      const starts = ledger
        .runsOf('catalog', 'meshifi-gitops:refresh')
        .map(r => r.startedAt)
        .sort((x, y) => x - y);
      const span = starts[starts.length - 1] - starts[0];
      expect(starts.length).toBeLessThanOrEqual(
        Math.floor(span / (GITOPS_REFRESH_S * 1000)) + 2,
      );
    });
  },
);
