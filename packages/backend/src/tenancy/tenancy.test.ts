/*
 * Who may create what where, through the scaffolder API of a started backend
 * with the real permission framework, meshifi's policy and the real catalog,
 * publishing to a real smart-HTTP git server.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import path from 'path';
import { parse } from 'yaml';
import { startTenancyBackend } from './__testUtils__/startTenancyBackend';

jest.setTimeout(180_000);

describe('tenancy', () => {
  const dir = createMockDirectory();
  let git: GitHttpServer;
  let remote: string;
  let backend: Awaited<ReturnType<typeof startTenancyBackend>>;

  const head = () =>
    execFileSync('git', ['rev-parse', 'main'], {
      cwd: remote,
      encoding: 'utf8',
    });
  const fileAtHead = (file: string) =>
    parse(
      execFileSync('git', ['show', `main:${file}`], {
        cwd: remote,
        encoding: 'utf8',
      }),
    );

  const product = (name: string, domain: string, owners: string[]) => ({
    name,
    title: name,
    version: '0.1.0',
    domain: `domain:default/${domain}`,
    owners,
  });

  beforeAll(async () => {
    dir.setContent({ work: {} });
    git = await startGitHttpServer(path.join(dir.path, 'server'));
    remote = await createBareRepository(
      path.join(dir.path, 'server'),
      'gitops.git',
    );
    backend = await startTenancyBackend({
      workDir: path.join(dir.path, 'work'),
      gitopsUrl: git.url('gitops.git'),
    });
  });
  afterAll(() => git.stop());

  describe('domains (scenario 1)', () => {
    it('refuses a domain to someone who is not an administrator, and commits nothing', async () => {
      const before = head();
      const { status, log } = await backend.runTemplate('bo', 'data-domain', {
        name: 'treasury',
        title: 'Treasury',
        owner: 'group:default/finance',
        gcpProject: 'prod-finance',
      });
      expect(status).toBe('failed');
      expect(log).toContain(
        'Only the platform\'s administrators create domains: a domain is a Google Cloud project and a team. Ask the platform team to create the domain "treasury".',
      );
      expect(head()).toBe(before);
    });

    it('refuses an administrator a GCP project outside the allow-list', async () => {
      const before = head();
      const { status, log } = await backend.runTemplate('pat', 'data-domain', {
        name: 'treasury',
        title: 'Treasury',
        owner: 'group:default/finance',
        gcpProject: 'prod-finance',
      });
      expect(status).toBe('failed');
      expect(log).toContain(
        'The GCP project prod-finance is not one that domains may use.',
      );
      expect(head()).toBe(before);
    });

    it('lets an administrator create a domain in an allowed project, once per project', async () => {
      const first = await backend.runTemplate('pat', 'data-domain', {
        name: 'treasury',
        title: 'Treasury',
        owner: 'group:default/finance',
        gcpProject: 'acme-treasury-data',
      });
      expect(first.status).toBe('completed');
      expect(fileAtHead('domains/treasury/domain.yaml').spec).toMatchObject({
        gcpProject: 'acme-treasury-data',
      });
      const before = head();
      const second = await backend.runTemplate('pat', 'data-domain', {
        name: 'payments',
        title: 'Payments',
        owner: 'group:default/finance',
        gcpProject: 'acme-treasury-data',
      });
      expect(second.status).toBe('failed');
      expect(second.log).toContain(
        'The GCP project acme-treasury-data already belongs to the domain "treasury"',
      );
      expect(head()).toBe(before);
    });
  });

  describe('products (scenario 2)', () => {
    it('refuses a product in a domain whose team the user is not in, naming the team', async () => {
      const before = head();
      const { status, log } = await backend.runTemplate(
        'bo',
        'data-product',
        product('sales-forecast', 'sales', ['user:default/bo']),
      );
      expect(status).toBe('failed');
      expect(log).toContain(
        'You are not in the sales-analytics team, which owns the domain "sales": only its members create data products there. Ask someone in sales-analytics to add you to the team (group:default/sales-analytics)',
      );
      expect(head()).toBe(before);
    });

    it("lets a member of the domain's team create a product there", async () => {
      const { status } = await backend.runTemplate(
        'ana',
        'data-product',
        product('sales-forecast', 'sales', [
          'user:default/ana',
          'group:default/sales-analytics',
        ]),
      );
      expect(status).toBe('completed');
      // Scenario 12: a group is granted as a group.
      expect(
        fileAtHead('domains/sales/products/sales-forecast.yaml').spec.access
          .owners,
      ).toEqual(['ana@example.com', 'group:sales-analytics@example.com']);
    });

    it('lets an administrator create a product in any domain', async () => {
      const { status } = await backend.runTemplate(
        'pat',
        'data-product',
        product('ledger', 'finance', ['user:default/bo']),
      );
      expect(status).toBe('completed');
    });
  });

  describe('names (scenario 3)', () => {
    it('refuses a product name another domain has, checked against git and not the catalog', async () => {
      // The catalog of this backend reads no GitOps repository: only git knows.
      const before = head();
      const { status, log } = await backend.runTemplate(
        'bo',
        'data-product',
        product('sales-forecast', 'finance', ['user:default/bo']),
      );
      expect(status).toBe('failed');
      expect(log).toContain(
        'A data product named "sales-forecast" already exists (domains/sales/products/sales-forecast.yaml)',
      );
      expect(head()).toBe(before);
    });

    it('lets only one of two requests for one name in two domains at once land', async () => {
      const results = await Promise.all([
        backend.runTemplate(
          'ana',
          'data-product',
          product('shared-orders', 'sales', ['user:default/ana']),
        ),
        backend.runTemplate(
          'bo',
          'data-product',
          product('shared-orders', 'finance', ['user:default/bo']),
        ),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([
        'completed',
        'failed',
      ]);
      const files = execFileSync(
        'git',
        ['ls-tree', '-r', '--name-only', 'main'],
        {
          cwd: remote,
          encoding: 'utf8',
        },
      )
        .split('\n')
        .filter(f => f.endsWith('/shared-orders.yaml'));
      expect(files).toHaveLength(1);
    });
  });

  describe('owners (scenario 12)', () => {
    it('refuses an email that is not in the catalog', async () => {
      const before = head();
      const { status, log } = await backend.runTemplate(
        'ana',
        'data-product',
        product('outside-owner', 'sales', [
          'user:default/ana',
          'eve@attacker.example',
        ]),
      );
      expect(status).toBe('failed');
      expect(log).toContain(
        'eve@attacker.example is not a user in the catalog',
      );
      expect(head()).toBe(before);
    });
  });

  describe('least privilege (scenario 7)', () => {
    it('denies the Kubernetes proxy to everyone but administrators', async () => {
      const proxy = (user: 'ana' | 'pat') =>
        backend
          .api()
          .get('/api/kubernetes/proxy/api/v1/namespaces')
          .set('Authorization', backend.as(user))
          .set('Backstage-Kubernetes-Cluster', 'any');
      expect((await proxy('ana')).status).toBe(403);
      expect((await proxy('pat')).status).not.toBe(403);
    });

    it("keeps a user's scaffolder tasks, their answers and their cancel button, to them", async () => {
      const { id } = await backend.runTemplate(
        'ana',
        'data-product',
        product('private-task', 'sales', ['user:default/ana']),
      );
      const read = await backend
        .api()
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', backend.as('bo'));
      expect(read.status).toBe(403);
      expect(read.text).not.toContain('private-task');
      const list = await backend
        .api()
        .get('/api/scaffolder/v2/tasks')
        .set('Authorization', backend.as('bo'));
      expect(JSON.stringify(list.body)).not.toContain(id);
      const cancel = await backend
        .api()
        .post(`/api/scaffolder/v2/tasks/${id}/cancel`)
        .set('Authorization', backend.as('bo'));
      expect(cancel.status).toBe(403);
      const own = await backend
        .api()
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', backend.as('ana'));
      expect(own.status).toBe(200);
      const admin = await backend
        .api()
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', backend.as('pat'));
      expect(admin.status).toBe(200);
    });
  });
});
