/*
 * How long a running catalog takes to make 10,000 DataProducts queryable,
 * against 10,000 plain Components in the same run. A real backend in process
 * (the catalog backend with the meshifi module, the real scheduler, SQLite in
 * memory, and PostgreSQL too when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set) reads each set
 * from a git repository, the way products really arrive: the module's GitOps
 * entity provider reads the products and their domains, and a provider that
 * reads plain catalog YAML from git the same way reads the Components. The
 * repositories are bare repositories on local disk, as in the module's tests,
 * so that no git server runs in the measured process. The clock starts when
 * one commit holding every document lands in the repository the running
 * catalog watches, and stops when the catalog's HTTP API counts every entity
 * (entity facets by kind, polled every 250 ms). A product counts as all its
 * entities: the DataProduct and its Resources. Each ingest gets a fresh
 * backend and database, after a small warm-up ingest of each kind. The
 * module's own processing cost per document is printed too (see
 * catalog-processing).
 *
 * Two comparisons per database. N products against N Components is the
 * goal the issue states; but a product is five entities, and the catalog's
 * own cost per entity grows with the number of entities it holds (on
 * SQLite most clearly: Backstage deletes each processed entity's
 * refresh_state_references with a query that scans the table). So N/5
 * products, as many entities as the N Components, are ingested too: per
 * entity at the same catalog size is what meshifi's entities cost against
 * plain ones.
 *
 * The catalog runs with Backstage's default processing interval (100 to 150
 * s): an interval shorter than the ingest makes the catalog process again
 * the entities it has already processed while the others wait, which costs
 * the larger ingest more (at 1,000 products with 10 s, every entity was
 * processed four times and the ingest took 45 % longer). The facets are
 * polled once a second: each answer costs the database about 45 ms at
 * 10,000 entities, which four polls a second took from the ingest.
 *
 * Run: yarn bench catalog-ingest   (--quick: 500 products;
 * MESHIFI_BENCH_COUNT=N sets the count in any mode;
 * MESHIFI_BENCH_DATABASE=sqlite or postgres measures on one only)
 */
import {
  coreServices,
  createBackendModule,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { gitopsPath } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { createBareRepository } from '@meshifi/test-utils';
import catalogModuleMeshifi, {
  manifestToEntities,
} from '@meshifi/plugin-catalog-backend-module-meshifi';
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import {
  componentYaml,
  DEFAULT_OWNER,
  DOMAINS,
  domainManifest,
  formatProcessingCost,
  measureProcessingCost,
  processingFigure,
  productManifest,
} from './lib/catalogDocuments';
import {
  defaultOf,
  mockCredentials,
  mockServices,
  startTestBackend,
} from './lib/backendTestUtils';
import { Figure, recordFigures } from './lib/figures';
import { fromNodeModules } from './lib/fromNodeModules';
import { commitFiles } from './lib/gitFastImport';
import { isDryRun, size } from './lib/runMode';

// Backstage's scheduler and catalog come from node_modules (see
// fromNodeModules); only the meshifi code is bundled from source.
const { schedulerServiceFactory } = fromNodeModules(
  '@backstage/backend-defaults/scheduler',
) as typeof import('@backstage/backend-defaults/scheduler');
const catalogPlugin = defaultOf<any>('@backstage/plugin-catalog-backend');

const COUNT = size(
  'DataProducts, and as many Components',
  { full: 10_000, quick: 500, dry: 1 },
  'MESHIFI_BENCH_COUNT',
);
/** A dry run has no warm-up: it proves the ingest runs, it measures nothing. */
const WARMUP = isDryRun ? 0 : Math.min(200, COUNT);
const POLL_MS = 1000;
/** How often the providers look at their repository, as in the module test. */
const SCHEDULE = { frequency: { seconds: 1 }, timeout: { minutes: 10 } };
const TIMEOUT_MS = 30 * 60_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Plain catalog YAML from a git repository, read the way the GitOps entity
 * provider reads products (GitOpsRepository: a shallow fetch over HTTP, then
 * every file in one `git cat-file --batch`) and parsed with the catalog's own
 * YAML parser. A full mutation first, then deltas, as the GitOps provider
 * does; nothing is ever removed here.
 */
class GitYamlEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastCommit?: string;

  constructor(
    private readonly repository: GitOpsRepository,
    private readonly schedule: SchedulerServiceTaskRunner,
  ) {}

  getProviderName(): string {
    return 'bench-git-yaml';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.schedule.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  private async refresh() {
    const commit = await this.repository.fetch();
    if (commit === this.lastCommit) {
      return;
    }
    const files = (await this.repository.listFiles(commit)).filter(f =>
      f.endsWith('.yaml'),
    );
    const { contents } = await this.repository.readFiles(commit, files);
    const locationKey = `${this.getProviderName()}:${this.repository.remote}`;
    const entities: DeferredEntity[] = [];
    for (const file of files) {
      const target = `${this.repository.remote}/${file}`;
      const data = Buffer.from(contents.get(file) ?? '');
      for (const result of parseEntityYaml(data, { type: 'url', target })) {
        if (result.type === 'entity') {
          const { entity } = result;
          entity.metadata.annotations = {
            ...entity.metadata.annotations,
            [ANNOTATION_LOCATION]: `url:${target}`,
            [ANNOTATION_ORIGIN_LOCATION]: `url:${target}`,
          };
          entities.push({ entity, locationKey });
        }
      }
    }
    await this.connection!.applyMutation(
      this.lastCommit
        ? { type: 'delta', added: entities, removed: [] }
        : { type: 'full', entities },
    );
    this.lastCommit = commit;
  }
}

/** Adds the GitYamlEntityProvider for one repository to the catalog. */
const gitYamlSource = (remote: string, mirrorDir: string) =>
  createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-git-yaml',
    register(env) {
      env.registerInit({
        deps: {
          processing: catalogProcessingExtensionPoint,
          scheduler: coreServices.scheduler,
        },
        async init({ processing, scheduler }) {
          const repository = new GitOpsRepository({
            remote,
            branch: 'main',
            mirrorDir,
            author: { name: 'bench', email: 'bench@localhost' },
          });
          processing.addEntityProvider(
            new GitYamlEntityProvider(
              repository,
              scheduler.createScheduledTaskRunner(SCHEDULE),
            ),
          );
        },
      });
    },
  });

/** Collects the catalog's processing errors, to tell why an ingest stalls. */
const errorRecorder = (errors: string[]) =>
  createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-error-recorder',
    register(env) {
      env.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.setOnProcessingErrorHandler(
            ({ unprocessedEntity, errors: found }) => {
              errors.push(
                `${stringifyEntityRef(unprocessedEntity)}: ${found
                  .map(error => error.message)
                  .join('; ')}`,
              );
            },
          );
        },
      });
    },
  });

interface Database {
  name: string;
  /** backend.database for the nth backend: each gets a fresh database. */
  config(n: number): JsonObject;
  /** Removes the databases this run made. */
  dropAll(): Promise<void>;
}

const sqlite: Database = {
  name: 'SQLite in memory',
  config: () => ({ client: 'better-sqlite3', connection: ':memory:' }),
  dropAll: async () => {},
};

function postgres(connection: string): Database {
  const prefix = `meshifi_bench_${process.pid}_`;
  return {
    name: 'PostgreSQL',
    config: n => ({ client: 'pg', connection, prefix: `${prefix}${n}_` }),
    async dropAll() {
      const knex = (fromNodeModules('knex') as typeof import('knex')).knex({
        client: 'pg',
        connection,
      });
      try {
        const { rows } = await knex.raw(
          'select datname from pg_database where datname like ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          // Stopped backends keep their pools open: end their connections.
          await knex.raw('drop database if exists ?? with (force)', [datname]);
        }
      } finally {
        await knex.destroy();
      }
    },
  };
}

interface Source {
  label: string;
  documents: number;
  /** Entities the catalog must count, by lowercase kind. */
  expected: Map<string, number>;
  files: Array<[string, string]>;
  /** Reads the documents from the repository at `remote`. */
  config(remote: string): JsonObject;
  features(remote: string, work: string): any[];
}

/** Entities of each kind, by lowercase kind. */
function kindsOf(entities: Entity[], times = 1, into = new Map()) {
  for (const e of entities) {
    const kind = e.kind.toLowerCase();
    into.set(kind, (into.get(kind) ?? 0) + times);
  }
  return into as Map<string, number>;
}

const entitiesOfProduct = () => {
  const converted = manifestToEntities(productManifest(0), {
    defaultOwner: DEFAULT_OWNER,
  });
  if (!converted.ok) {
    throw new Error(converted.message);
  }
  return converted.entities;
};

/** As many products as make the COUNT Components' number of entities. */
const EQUAL_SIZE = Math.max(1, Math.round(COUNT / entitiesOfProduct().length));

function products(count: number): Source {
  const domains = Math.min(count, DOMAINS);
  const expected = kindsOf(entitiesOfProduct(), count);
  expected.set('domain', domains);
  const manifests = [
    ...Array.from({ length: domains }, (_, d) => domainManifest(d)),
    ...Array.from({ length: count }, (_, i) => productManifest(i)),
  ];
  return {
    label: `${count} DataProducts in ${domains} domains, GitOps provider`,
    documents: count,
    expected,
    files: manifests.map(m => [gitopsPath(m), stringify(m)]),
    config: remote => ({
      gitops: { url: remote },
      catalog: { defaultOwner: DEFAULT_OWNER, gitops: { schedule: SCHEDULE } },
    }),
    features: () => [],
  };
}

function components(count: number): Source {
  return {
    label: `${count} Components, plain YAML from git`,
    documents: count,
    expected: new Map([['component', count]]),
    files: Array.from({ length: count }, (_, i) => [
      `systems/system-${i % DOMAINS}/components/component-${i}.yaml`,
      componentYaml(i),
    ]),
    config: () => ({ catalog: { defaultOwner: DEFAULT_OWNER } }),
    features: (remote, work) => [
      gitYamlSource(remote, path.join(work, 'mirror')),
    ],
  };
}

interface Ingest {
  source: Source;
  entities: number;
  ms: number;
  /** Until the first entity was queryable. */
  firstMs: number;
  polls: number;
  pollMs: number;
}

let backends = 0;

/**
 * Starts a fresh backend on a fresh database, commits the source's documents
 * to the repository it watches, and measures until the catalog counts every
 * entity the source gives.
 */
async function ingest(
  source: Source,
  database: Database,
  root: string,
): Promise<Ingest> {
  const n = ++backends;
  const remote = await createBareRepository(root, `source-${n}.git`);
  const work = path.join(root, `work-${n}`);
  const errors: string[] = [];
  const backend = await startTestBackend({
    features: [
      schedulerServiceFactory,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          backend: { workingDirectory: work, database: database.config(n) },
          catalog: {
            rules: [
              { allow: ['Component', 'Resource', 'Domain', 'DataProduct'] },
            ],
          },
          meshifi: source.config(remote),
        },
      }),
      catalogPlugin,
      catalogModuleMeshifi,
      errorRecorder(errors),
      ...source.features(remote, work),
    ],
  });
  try {
    const facetsUrl = `http://127.0.0.1:${backend.server.port()}/api/catalog/entity-facets?facet=kind`;
    const countByKind = async () => {
      const res = await fetch(facetsUrl, {
        headers: { Authorization: mockCredentials.user.header() },
      });
      if (!res.ok) {
        throw new Error(`entity-facets answered ${res.status}`);
      }
      const body = (await res.json()) as {
        facets: { kind: Array<{ value: string; count: number }> };
      };
      return new Map(
        body.facets.kind.map(f => [f.value.toLowerCase(), f.count]),
      );
    };
    const wanted = [...source.expected.values()].reduce((a, b) => a + b, 0);
    // Let the provider read the repository once while it holds only its README.
    await sleep(2_000);
    commitFiles(remote, source.files);

    const started = performance.now();
    let polls = 0;
    let pollMs = 0;
    let reported = started;
    let firstMs: number | undefined;
    for (;;) {
      const pollStarted = performance.now();
      const counts = await countByKind();
      const now = performance.now();
      polls++;
      pollMs += now - pollStarted;
      const queryable = [...source.expected].reduce(
        (sum, [kind, count]) => sum + Math.min(counts.get(kind) ?? 0, count),
        0,
      );
      if (queryable > 0) {
        firstMs ??= now - started;
      }
      if (queryable === wanted) {
        const ms = now - started;
        return {
          source,
          entities: wanted,
          ms,
          firstMs: firstMs!,
          polls,
          pollMs,
        };
      }
      const progress = `${
        source.label
      }: ${queryable} of ${wanted} entities queryable after ${seconds(
        now - started,
      )}, ${errors.length} processing errors`;
      if (now - started > TIMEOUT_MS) {
        throw new Error(`${progress}: ${errors.slice(0, 5).join(' | ')}`);
      }
      if (now - reported > 15_000) {
        reported = now;
        console.error(progress);
      }
      await sleep(POLL_MS);
    }
  } finally {
    await backend.stop();
  }
}

/** One database's three ingests. */
interface Ingests {
  /** COUNT products. */
  products: Ingest;
  /** COUNT plain Components. */
  components: Ingest;
  /** As many products as give the Components' number of entities. */
  equalSize: Ingest;
}

const perEntity = (r: Ingest) => r.ms / r.entities;

function report(database: Database, ingests: Ingests) {
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(56) : c.padStart(12))).join(' ');
  console.log(
    `catalog ingest on ${database.name}: from the commit until GET /api/catalog/entity-facets?facet=kind (every ${POLL_MS} ms) counts the first and then every entity; Backstage's default processing interval`,
  );
  console.log(
    row([
      'source',
      'entities',
      'first',
      'all',
      'entities/s',
      'documents/s',
      'poll answer',
    ]),
  );
  for (const r of [ingests.products, ingests.components, ingests.equalSize]) {
    const perSecond = (n: number) => (n / (r.ms / 1000)).toFixed(0);
    console.log(
      row([
        r.source.label,
        String(r.entities),
        seconds(r.firstMs),
        seconds(r.ms),
        perSecond(r.entities),
        perSecond(r.source.documents),
        `${(r.pollMs / r.polls).toFixed(0)} ms`,
      ]),
    );
  }
  const { products: product, components: component, equalSize } = ingests;
  console.log(
    `ratio DataProduct / Component, time until all queryable: ${(
      product.ms / component.ms
    ).toFixed(2)}x; per entity: ${(
      perEntity(product) / perEntity(component)
    ).toFixed(2)}x; per entity at the same catalog size (${
      equalSize.entities
    } against ${component.entities} entities): ${(
      perEntity(equalSize) / perEntity(component)
    ).toFixed(2)}x`,
  );
}

/**
 * The ingest's figures: per entity against plain Components, with the goal
 * bench/README.md states (per entity at most 1.1 times a plain Component's),
 * both at the same number of documents and at the same catalog size.
 */
function ingestFigures(database: Database, ingests: Ingests): Figure[] {
  const { products: product, components: component, equalSize } = ingests;
  return [
    {
      figure: `ingest until all queryable, per entity (${database.name})`,
      unit: 'ms',
      meshifi: perEntity(product),
      baseline: perEntity(component),
      baselineIs: 'plain Components',
      goal: { ratioAtMost: 1.1 },
    },
    {
      figure: `ingest until all queryable, per entity at the same catalog size (${database.name}, ${equalSize.source.documents} products)`,
      unit: 'ms',
      meshifi: perEntity(equalSize),
      baseline: perEntity(component),
      baselineIs: 'plain Components',
      goal: { ratioAtMost: 1.1 },
    },
    {
      figure: `ingest until all queryable, per document (${database.name})`,
      unit: 'ms',
      meshifi: product.ms / product.source.documents,
      baseline: component.ms / component.source.documents,
      baselineIs: 'plain Components',
    },
  ];
}

/**
 * The databases to measure on: SQLite in memory, and PostgreSQL when
 * `yarn bench` started one (or the test suite's connection is set);
 * MESHIFI_BENCH_DATABASE=sqlite or postgres keeps one.
 */
function databasesToMeasure(): Database[] {
  const only = process.env.MESHIFI_BENCH_DATABASE;
  if (only && only !== 'sqlite' && only !== 'postgres') {
    throw new Error(
      `MESHIFI_BENCH_DATABASE=${only}: give sqlite, postgres, or leave it unset for both`,
    );
  }
  const postgresConnection =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (only === 'postgres' && !postgresConnection) {
    throw new Error(
      'MESHIFI_BENCH_DATABASE=postgres, but no PostgreSQL is running: install the postgresql package so that yarn bench starts one',
    );
  }
  const databases: Database[] = [];
  if (only !== 'postgres') {
    databases.push(sqlite);
  }
  if (postgresConnection && only !== 'sqlite') {
    databases.push(postgres(postgresConnection));
  }
  return databases;
}

async function main() {
  const started = Date.now();
  const figures: Figure[] = [];
  const perProduct = [...new Set(entitiesOfProduct().map(e => e.kind))].map(
    kind =>
      `${entitiesOfProduct().filter(e => e.kind === kind).length} ${kind}`,
  );
  const databases = databasesToMeasure();
  console.log(
    `size: databases = ${databases
      .map(d => d.name)
      .join(
        ', ',
      )}; ${EQUAL_SIZE} products for the comparison at the same catalog size`,
  );
  const root = mkdtempSync(path.join(os.tmpdir(), 'meshifi-bench-'));
  try {
    for (const database of databases) {
      // A small ingest of each first, so that neither measured one runs cold.
      if (WARMUP > 0) {
        await ingest(products(WARMUP), database, root);
        await ingest(components(WARMUP), database, root);
      }
      const ingests: Ingests = {
        products: await ingest(products(COUNT), database, root),
        components: await ingest(components(COUNT), database, root),
        equalSize: await ingest(products(EQUAL_SIZE), database, root),
      };
      report(database, ingests);
      figures.push(...ingestFigures(database, ingests));
    }
    console.log(
      `entities counted: each DataProduct gives ${perProduct.join(
        ' + ',
      )}, each domain 1 Domain, each Component 1 Component; a fresh backend and database for each ingest, after a warm-up ingest of ${WARMUP} of each; first: until the first entity is counted; poll answer: the mean time a facets request took, waiting its turn for the database`,
    );
    console.log(
      `processing cost, ${COUNT} documents each, in process without the catalog database (as catalog-processing)`,
    );
    const processing = await measureProcessingCost(COUNT);
    for (const line of formatProcessingCost(processing)) {
      console.log(line);
    }
    recordFigures({
      benchmark: 'catalog-ingest',
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      sizes: { count: COUNT, warmUp: WARMUP },
      figures: [...figures, processingFigure(processing)],
      details: { processing },
    });
  } finally {
    for (const database of databases) {
      await database.dropAll();
    }
    rmSync(root, { recursive: true, force: true });
  }
}

// Exits explicitly: a stopped Backstage backend leaves its database pools
// open, which would keep the process alive.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
