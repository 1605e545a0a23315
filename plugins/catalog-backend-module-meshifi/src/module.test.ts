/*
 * The module in a started backend with the real catalog (and search) on
 * SQLite and on PostgreSQL: manifests from a file location and from the
 * GitOps repository become entities with their relations, broken ones become
 * processing errors, and data products are found by search.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  dataAccessManifest,
  dataDomainManifest,
  dataProductManifest,
  gitopsPath,
  outputPortEntityName,
  RELATION_CONSUMES_DATA,
  RELATION_DATA_CONSUMED_BY,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { eventually } from '@meshifi/test-utils';
import searchModuleMeshifiCollator from '@meshifi/plugin-search-backend-module-meshifi';
import path from 'path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { catalogModuleMeshifi } from './module';
import {
  dailyTotals,
  ordersByCustomer,
  productWithPorts,
} from './__testUtils__/productsWithPorts';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const orgYaml = [
  {
    kind: 'Group',
    metadata: { name: 'sales-analytics' },
    spec: { type: 'team', children: [] },
  },
  {
    kind: 'User',
    metadata: { name: 'ana' },
    spec: { profile: { email: 'Ana@Example.com' }, memberOf: [] },
  },
]
  .map(e => stringify({ apiVersion: 'backstage.io/v1alpha1', ...e }))
  .join('---\n');

const salesDomain = dataDomainManifest('sales', {
  title: 'Sales',
  owner: 'group:default/sales-analytics',
  gcpProject: 'acme-sales-data',
});

function product(name: string, owners: string[]) {
  const manifest = dataProductManifest({
    info: {
      name,
      version: '0.1.0',
      title: `The ${name} product`,
      description: 'Orders placed in the web shop',
    },
    access: { owners },
    domain: 'sales',
  });
  manifest.metadata.annotations = {
    'meshifi.io/owner': 'group:default/sales-analytics',
  };
  return manifest;
}

// The test command starts PostgreSQL: then its half of the suite must run.
it('has PostgreSQL whenever the test command started it', () => {
  const required = process.env.MESHIFI_REQUIRE_POSTGRES === 'true';
  expect(!required || databases.supports('POSTGRES_15')).toBe(true);
});

describe.each(databases.eachSupportedId())(
  'catalog module on %s',
  (databaseId: TestDatabaseId) => {
    const dir = createMockDirectory();
    const processingErrors: string[] = [];
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let gitops: GitOpsRepository;

    const get = (url: string) =>
      request(server)
        .get(url)
        .set('Authorization', mockCredentials.user.header());
    const entity = async (ref: string): Promise<Entity> => {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      const res = await get(
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
      expect(res.status).toBe(200);
      return res.body;
    };
    const relationsOf = (e: Entity, type: string) =>
      (e.relations ?? [])
        .filter(r => r.type === type)
        .map(r => r.targetRef)
        .sort();

    beforeAll(async () => {
      dir.setContent({
        'org.yaml': orgYaml,
        'products.yaml': [
          stringify(salesDomain),
          stringify(
            product('customer-orders', ['ana@example.com', 'bo@example.com']),
          ),
          stringify(product('broken-product', ['not-an-email'])),
        ].join('---\n'),
      });
      gitops = new GitOpsRepository({
        remote: path.join(dir.path, 'gitops.git'),
        branch: 'main',
        mirrorDir: path.join(dir.path, 'test-mirror'),
        author: { name: 'test', email: 'test@localhost' },
        createIfMissing: true,
      });
      await gitops.fetch();

      const knex = await databases.init(databaseId);
      const errorRecorder = createBackendModule({
        pluginId: 'catalog',
        moduleId: 'test-error-recorder',
        register(env) {
          env.registerInit({
            deps: { processing: catalogProcessingExtensionPoint },
            async init({ processing }) {
              processing.setOnProcessingErrorHandler(({ errors }) => {
                processingErrors.push(
                  ...errors.map(
                    e => `${e.message} ${(e as any).cause?.message ?? ''}`,
                  ),
                );
              });
            },
          });
        },
      });
      ({ server } = await startTestBackend({
        features: [
          mockServices.database.factory({ knex }),
          // The real scheduler: providers and collators run on their schedules.
          schedulerServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              backend: { workingDirectory: path.join(dir.path, 'work') },
              catalog: {
                // Reprocess often, so that relations to users and domains
                // ingested after a product show up within the test.
                processingInterval: { seconds: 2 },
                rules: [
                  {
                    allow: [
                      'Component',
                      'API',
                      'Resource',
                      'Location',
                      'Domain',
                      'Group',
                      'User',
                      'DataProduct',
                    ],
                  },
                ],
                locations: [
                  { type: 'file', target: path.join(dir.path, 'org.yaml') },
                  {
                    type: 'file',
                    target: path.join(dir.path, 'products.yaml'),
                  },
                ],
              },
              search: {
                collators: {
                  catalog: {
                    schedule: {
                      frequency: { seconds: 2 },
                      timeout: { seconds: 60 },
                      initialDelay: { seconds: 1 },
                    },
                  },
                },
              },
              meshifi: {
                gitops: { url: path.join(dir.path, 'gitops.git') },
                catalog: {
                  defaultOwner: 'group:default/sales-analytics',
                  lookupCacheSeconds: 1,
                  gitops: {
                    schedule: {
                      frequency: { seconds: 1 },
                      timeout: { seconds: 30 },
                    },
                  },
                },
              },
            },
          }),
          catalogPlugin,
          catalogModuleMeshifi,
          errorRecorder,
          searchPlugin,
          searchModuleCatalogCollator,
          searchModuleMeshifiCollator,
        ],
      }));
    });

    it('makes a product from a location a DataProduct with owners, domain and resources', async () => {
      const orders = await eventually(async () => {
        const e = await entity('dataproduct:default/customer-orders');
        expect(relationsOf(e, 'partOf')).toEqual(['domain:default/sales']);
        expect(relationsOf(e, 'ownedBy')).toHaveLength(2);
        expect(relationsOf(e, 'dependsOn')).toHaveLength(4);
        return e;
      });
      expect(orders.metadata.title).toBe('The customer-orders product');
      // The Backstage owner, and the catalog user whose email is an IAM owner;
      // bo@example.com has no catalog user and gives no relation.
      expect(relationsOf(orders, 'ownedBy')).toEqual([
        'group:default/sales-analytics',
        'user:default/ana',
      ]);
      expect(relationsOf(orders, 'dependsOn')).toEqual([
        'resource:default/customer_orders_cleaned',
        'resource:default/customer_orders_curated',
        'resource:default/customer_orders_raw',
        'resource:default/dp-customer-orders',
      ]);
      const raw = await entity('resource:default/customer_orders_raw');
      expect(raw.spec?.type).toBe('bigquery-dataset');
      expect(relationsOf(raw, 'dependencyOf')).toEqual([
        'dataproduct:default/customer-orders',
      ]);
      const domain = await entity('domain:default/sales');
      expect(relationsOf(domain, 'hasPart')).toContain(
        'dataproduct:default/customer-orders',
      );
    });

    it('links each dataset to the BigQuery console in the domain project', async () => {
      const orders = await eventually(async () => {
        const e = await entity('dataproduct:default/customer-orders');
        expect(e.metadata.links?.length).toBe(4);
        return e;
      });
      expect(orders.metadata.links?.[0]).toEqual({
        url: expect.stringMatching(
          /^https:\/\/console\.cloud\.google\.com\/bigquery\?project=acme-sales-data&/,
        ),
        title: 'BigQuery: customer_orders_raw',
        icon: 'dashboard',
        type: 'bigquery-dataset',
      });
    });

    it('reports a broken manifest as a processing error, keeping the rest', async () => {
      await eventually(async () =>
        expect(processingErrors.join('\n')).toContain(
          `DataProduct "broken-product" in ${path.join(
            dir.path,
            'products.yaml',
          )}: Owner email: Give each owner as an email address`,
        ),
      );
      const res = await get(
        '/api/catalog/entities/by-name/dataproduct/default/broken-product',
      );
      expect(res.status).toBe(404);
    });

    it('brings a product pushed to the GitOps repository in without a restart', async () => {
      const invoices = product('invoices', ['ana@example.com']);
      await gitops.publishFile({
        path: gitopsPath(invoices),
        content: stringify(invoices),
        message: 'Add invoices',
        ifExists: () => new Error('exists'),
      });
      const entity_ = await eventually(() =>
        entity('dataproduct:default/invoices'),
      );
      expect(entity_.metadata.annotations).toMatchObject({
        'meshifi.io/gitops-path': 'domains/sales/products/invoices.yaml',
        'meshifi.io/source': 'gitops',
      });
    });

    it('relates a product and the consumer of its grant both ways, from the GitOps repository', async () => {
      const refunds = product('refunds', ['ana@example.com']);
      // A grant until 30 days from now: active whenever the test runs.
      const expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)
        .toISOString()
        .slice(0, 10);
      const grant = dataAccessManifest('analytics-refunds', 'sales', {
        product: 'refunds',
        consumer: {
          type: 'group',
          email: 'sales-analytics@example.com',
          entityRef: 'group:default/sales-analytics',
        },
        purpose: 'Monthly refund reporting.',
        expires,
      });
      for (const manifest of [refunds, grant]) {
        await gitops.publishFile({
          path: gitopsPath(manifest),
          content: stringify(manifest),
          message: `Add ${manifest.metadata.name}`,
          ifExists: () => new Error('exists'),
        });
      }
      const product_ = await eventually(async () => {
        const e = await entity('dataproduct:default/refunds');
        expect(relationsOf(e, RELATION_DATA_CONSUMED_BY)).toEqual([
          'group:default/sales-analytics',
        ]);
        return e;
      });
      expect(product_.spec?.consumers).toEqual([
        'group:default/sales-analytics',
      ]);
      const group = await eventually(async () => {
        const e = await entity('group:default/sales-analytics');
        expect(relationsOf(e, RELATION_CONSUMES_DATA)).toContain(
          'dataproduct:default/refunds',
        );
        return e;
      });
      expect(relationsOf(group, RELATION_CONSUMES_DATA)).toEqual([
        'dataproduct:default/refunds',
      ]);
    });

    it('reports a broken GitOps file as a processing error', async () => {
      await gitops.publishFile({
        path: 'domains/sales/products/typo.yaml',
        content:
          'apiVersion: meshifi.io/v1alpha1\nkind: DataProduct\nmetadata: {name: typo\n',
        message: 'A broken file',
        ifExists: () => new Error('exists'),
      });
      await eventually(async () =>
        expect(processingErrors.join('\n')).toContain(
          'domains/sales/products/typo.yaml is not valid YAML',
        ),
      );
    });

    describe('with output ports and lineage across domains', () => {
      const webOrders = productWithPorts('web-orders', {
        title: 'Web orders',
        outputPorts: [ordersByCustomer],
      });
      const revenue = productWithPorts('revenue', {
        domain: 'finance',
        status: 'proposed',
        inputPorts: [{ product: 'web-orders', port: ordersByCustomer.name }],
        outputPorts: [dailyTotals],
      });
      const ordersApi = `api:default/${outputPortEntityName(
        'web-orders',
        ordersByCustomer.name,
      )}`;

      beforeAll(async () => {
        for (const manifest of [webOrders, revenue]) {
          await gitops.publishFile({
            path: gitopsPath(manifest),
            content: stringify(manifest),
            message: `Add ${manifest.metadata.name}`,
            ifExists: () => new Error('exists'),
          });
        }
      });

      it('gives each output port a data-contract API entity with its contract as definition', async () => {
        const api = await eventually(() => entity(ordersApi));
        expect(api.spec).toMatchObject({
          type: 'data-contract',
          lifecycle: 'production',
          owner: 'group:default/sales-analytics',
        });
        const definition = parse(api.spec?.definition as string);
        expect(definition).toMatchObject({ kind: 'DataContract' });
        expect(api.spec?.definition).toContain('customer_email');
        expect(api.metadata.tags).toContain('personal-data');
        const totals = await eventually(() =>
          entity(
            `api:default/${outputPortEntityName('revenue', dailyTotals.name)}`,
          ),
        );
        // A proposed product's contract is as experimental as its product.
        expect(totals.spec?.lifecycle).toBe('experimental');
      });

      it('relates a product to the APIs it provides and consumes, and to the product it reads from in another domain', async () => {
        const reader = await eventually(async () => {
          const e = await entity('dataproduct:default/revenue');
          expect(relationsOf(e, 'consumesApi')).toEqual([ordersApi]);
          expect(relationsOf(e, 'dependsOn')).toContain(
            'dataproduct:default/web-orders',
          );
          return e;
        });
        expect(relationsOf(reader, 'providesApi')).toEqual([
          `api:default/${outputPortEntityName('revenue', dailyTotals.name)}`,
        ]);
        expect(reader.spec?.lifecycle).toBe('experimental');
        expect(reader.spec?.domain).toBe('finance');

        const source = await eventually(async () => {
          const e = await entity('dataproduct:default/web-orders');
          expect(relationsOf(e, 'dependencyOf')).toEqual([
            'dataproduct:default/revenue',
          ]);
          return e;
        });
        expect(relationsOf(source, 'providesApi')).toEqual([ordersApi]);
        expect(source.spec?.outputPorts).toEqual(webOrders.spec.outputPorts);

        const api = await eventually(async () => {
          const e = await entity(ordersApi);
          expect(relationsOf(e, 'apiConsumedBy')).toEqual([
            'dataproduct:default/revenue',
          ]);
          return e;
        });
        expect(relationsOf(api, 'apiProvidedBy')).toEqual([
          'dataproduct:default/web-orders',
        ]);
        expect(relationsOf(api, 'ownedBy')).toEqual([
          'group:default/sales-analytics',
        ]);
      });

      it('finds the product by the name of one of its columns through search', async () => {
        const found = await eventually(async () => {
          const res = await get(
            `/api/search/query?term=customer_email&types[0]=software-catalog`,
          );
          expect(res.status).toBe(200);
          const products = res.body.results.filter(
            (r: any) => r.document.kind === 'DataProduct',
          );
          expect(products.map((r: any) => r.document.title)).toContain(
            'Web orders',
          );
          return products;
        });
        // Backstage's index splits the name at its underscore, so products
        // titled "customer" match too; web-orders has neither word but in
        // its column.
        expect(found.map((r: any) => r.document.location)).toContain(
          '/catalog/default/dataproduct/web-orders',
        );
      });
    });

    it('finds data products by dataset id, owner and domain through search', async () => {
      for (const term of [
        'customer_orders_curated',
        'bo@example.com',
        'web shop',
      ]) {
        const results = await eventually(async () => {
          const res = await get(
            `/api/search/query?term=${encodeURIComponent(
              term,
            )}&types[0]=software-catalog`,
          );
          expect(res.status).toBe(200);
          const found = res.body.results.filter(
            (r: any) => r.document.kind === 'DataProduct',
          );
          expect(found.length).toBeGreaterThan(0);
          return found;
        });
        expect(results.map((r: any) => r.document)).toContainEqual(
          expect.objectContaining({
            title: 'The customer-orders product',
            location: '/catalog/default/dataproduct/customer-orders',
          }),
        );
      }
    });
  },
);
