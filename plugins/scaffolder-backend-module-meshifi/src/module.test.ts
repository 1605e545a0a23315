/*
 * The data-product templates, run by the real scaffolder of a started backend
 * through its API, publishing to a real smart-HTTP git server.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { dataUrlOf, ORDERS_CONTRACT } from './actions/importContract.examples';
import { scaffolderModuleMeshifi } from './module';
import { SALES_ORG_YAML } from './__testUtils__/salesOrg';

jest.setTimeout(120_000);

describe('the data-product template through the scaffolder API', () => {
  const dir = createMockDirectory();
  let git: GitHttpServer;
  let remote: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  const api = () => request(server);
  const auth = mockCredentials.user.header();

  async function runTemplate(
    values: Record<string, unknown>,
    templateRef = 'template:default/data-product',
  ) {
    const created = await api()
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef, values });
    expect(created.status).toBe(201);
    for (;;) {
      const task = await api()
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', auth);
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await api()
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', auth);
        return {
          task: task.body,
          events: events.body as Array<{ body: { message?: string } }>,
        };
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    dir.setContent({ 'org.yaml': SALES_ORG_YAML, work: {} });
    git = await startGitHttpServer(path.join(dir.path, 'server'));
    remote = await createBareRepository(
      path.join(dir.path, 'server'),
      'gitops.git',
    );
    const templateOf = (name: string) =>
      path.resolve(
        path.dirname(
          require.resolve(
            '@meshifi/plugin-scaffolder-backend-module-meshifi/package.json',
          ),
        ),
        `../../templates/${name}/template.yaml`,
      );
    ({ server } = await startTestBackend({
      features: [
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: path.join(dir.path, 'work') },
            catalog: {
              rules: [
                { allow: ['Template', 'Group', 'User', 'Domain', 'Location'] },
              ],
              locations: [
                { type: 'file', target: path.join(dir.path, 'org.yaml') },
                { type: 'file', target: templateOf('data-product') },
                {
                  type: 'file',
                  target: templateOf('data-product-from-contract'),
                },
              ],
            },
            meshifi: {
              platform: { project: 'meshifi-test', location: 'EU' },
              gitops: { url: git.url('gitops.git') },
            },
          },
        }),
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        scaffolderPlugin,
        scaffolderModuleMeshifi,
      ],
    }));
    // Wait until the catalog has the templates and the owners.
    const entities = [
      'template/default/data-product',
      'template/default/data-product-from-contract',
      'user/default/ana',
    ];
    for (;;) {
      const found = await Promise.all(
        entities.map(ref =>
          api()
            .get(`/api/catalog/entities/by-name/${ref}`)
            .set('Authorization', auth),
        ),
      );
      if (found.every(res => res.status === 200)) break;
      await new Promise(r => setTimeout(r, 200));
    }
  });
  afterAll(() => git.stop());

  it('commits the DataProduct to the GitOps repository', async () => {
    const { task } = await runTemplate({
      name: 'customer-orders',
      title: 'Customer orders',
      version: '0.1.0',
      domain: 'domain:default/sales',
      owners: ['group:default/sales-analytics', 'user:default/ana'],
    });
    expect(task.status).toBe('completed');
    const file = 'domains/sales/products/customer-orders.yaml';
    const committed = parse(
      execFileSync('git', ['show', `main:${file}`], {
        cwd: remote,
        encoding: 'utf8',
      }),
    );
    expect(committed).toMatchObject({
      kind: 'DataProduct',
      metadata: {
        name: 'customer-orders',
        namespace: 'sales',
        annotations: { 'meshifi.io/owner': 'group:default/sales-analytics' },
      },
      spec: {
        access: { owners: ['group:sales@example.com', 'ana@example.com'] },
        domain: 'sales',
      },
    });
    expect(
      execFileSync('git', ['log', '-1', '--format=%s', 'main'], {
        cwd: remote,
        encoding: 'utf8',
      }).trim(),
    ).toBe('Add the data product customer-orders');
  });

  const outputTable = {
    name: 'orders',
    description: 'One row per order placed in the web shop',
    columns: [
      { name: 'order_id', type: 'STRING', required: true },
      { name: 'customer_email', type: 'STRING', personalData: true },
      { name: 'amount', type: 'NUMERIC' },
    ],
    primaryKey: ['order_id'],
    refreshEvery: '1d',
  };
  const head = () =>
    execFileSync('git', ['rev-parse', 'main'], {
      cwd: remote,
      encoding: 'utf8',
    });

  it("commits the output table the form declared as the product's data contract", async () => {
    const { task } = await runTemplate({
      name: 'web-orders',
      title: 'Web orders',
      version: '1.0.0',
      domain: 'domain:default/sales',
      owners: ['group:default/sales-analytics'],
      outputPort: outputTable,
    });
    expect(task.status).toBe('completed');
    const committed = parse(
      execFileSync(
        'git',
        ['show', 'main:domains/sales/products/web-orders.yaml'],
        {
          cwd: remote,
          encoding: 'utf8',
        },
      ),
    );
    expect(committed.spec.outputPorts).toEqual([
      {
        name: 'orders',
        description: 'One row per order placed in the web shop',
        contract: {
          columns: [
            { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'customer_email', type: 'STRING', personalData: true },
            { name: 'amount', type: 'NUMERIC' },
          ],
          primaryKey: ['order_id'],
          freshness: { refreshEvery: '1d' },
        },
      },
    ]);
  });

  it('fails a contract whose key names a column the table does not have, saying so, and commits nothing', async () => {
    const before = head();
    const { task, events } = await runTemplate({
      name: 'shop-orders',
      title: 'Shop orders',
      version: '1.0.0',
      domain: 'domain:default/sales',
      owners: ['group:default/sales-analytics'],
      outputPort: { ...outputTable, primaryKey: ['order_number'] },
    });
    expect(task.status).toBe('failed');
    expect(events.map(e => e.body.message ?? '').join('\n')).toContain(
      'The primary key of "orders" names the column "order_number", which the table does not have',
    );
    expect(head()).toBe(before);
  });

  it("creates a product from a data contract file, its table the output port and its words the product's", async () => {
    const { task } = await runTemplate(
      {
        contract: dataUrlOf(ORDERS_CONTRACT),
        name: 'web-shop-orders',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics'],
      },
      'template:default/data-product-from-contract',
    );
    expect(task.status).toBe('completed');
    const committed = parse(
      execFileSync(
        'git',
        ['show', 'main:domains/sales/products/web-shop-orders.yaml'],
        { cwd: remote, encoding: 'utf8' },
      ),
    );
    expect(committed.spec.info).toEqual({
      name: 'web-shop-orders',
      version: '1.2.0',
      title: 'Web orders',
      description: 'Every order placed in the web shop',
    });
    expect(
      committed.spec.outputPorts.map((p: { name: string }) => p.name),
    ).toEqual(['orders']);
    expect(committed.spec.outputPorts[0].contract.primaryKey).toEqual([
      'order_id',
    ]);
  });

  it('fails a file that is no data contract, saying so, and commits nothing', async () => {
    const before = head();
    const { task, events } = await runTemplate(
      {
        contract: dataUrlOf('kind: DataProduct\n'),
        name: 'not-a-contract',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics'],
      },
      'template:default/data-product-from-contract',
    );
    expect(task.status).toBe('failed');
    expect(events.map(e => e.body.message ?? '').join('\n')).toContain(
      'not a data contract',
    );
    expect(head()).toBe(before);
  });

  it('fails a second product of the same name, saying whose it is, and commits nothing', async () => {
    const before = execFileSync('git', ['rev-parse', 'main'], {
      cwd: remote,
      encoding: 'utf8',
    });
    const { task, events } = await runTemplate({
      name: 'customer-orders',
      title: 'Someone else',
      version: '0.1.0',
      domain: 'domain:default/sales',
      owners: ['user:default/ana'],
    });
    expect(task.status).toBe('failed');
    expect(events.map(e => e.body.message ?? '').join('\n')).toContain(
      'domains/sales/products/customer-orders.yaml already exists in the GitOps repository, owned by group:default/sales-analytics',
    );
    expect(
      execFileSync('git', ['rev-parse', 'main'], {
        cwd: remote,
        encoding: 'utf8',
      }),
    ).toBe(before);
  });
});
