/*
 * Asking for access to a data product and the owners' decisions, through a
 * started backend with the real catalog, permission framework and meshifi's
 * policy, the meshifi catalog module and backend plugin, and a GitOps
 * repository on a real git server. No cluster: grants are checked where
 * they land, in Git.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import catalogModuleMeshifi from '@meshifi/plugin-catalog-backend-module-meshifi';
import meshifiPlugin from '@meshifi/plugin-meshifi-backend';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import { writeFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  startTenancyBackend,
  TestUser,
} from '../tenancy/__testUtils__/startTenancyBackend';

jest.setTimeout(240_000);

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

describe('access to a data product', () => {
  const dir = createMockDirectory();
  let git: GitHttpServer;
  let remote: string;
  let backend: Awaited<ReturnType<typeof startTenancyBackend>>;

  const git_ = (...args: string[]) =>
    execFileSync('git', args, { cwd: remote, encoding: 'utf8' });
  const head = () => git_('rev-parse', 'main').trim();
  const grantFiles = () =>
    git_('ls-tree', '-r', '--name-only', 'main')
      .split('\n')
      .filter(file => /(^|\/)access\//.test(file));

  const ask = (user: TestUser, body: Record<string, unknown>) =>
    backend
      .api()
      .post('/api/meshifi/access-requests')
      .set('Authorization', backend.as(user))
      .send({
        product: 'dataproduct:default/orders',
        consumer: 'group:default/finance',
        purpose: 'Reconcile invoices with the orders they bill',
        expires: inDays(90),
        ...body,
      });
  const decide = (
    user: TestUser,
    id: string,
    verdict: 'approve' | 'decline',
    reason?: string,
  ) =>
    backend
      .api()
      .post(`/api/meshifi/access-requests/${id}/${verdict}`)
      .set('Authorization', backend.as(user))
      .send(reason === undefined ? {} : { reason });
  const report = async (user: TestUser, product = 'orders') => {
    const res = await backend
      .api()
      .get(`/api/meshifi/products/default/${product}/access`)
      .set('Authorization', backend.as(user));
    expect(res.status).toBe(200);
    return res.body;
  };
  const rowOf = async (user: TestUser, id: string) =>
    (await report(user)).grants.find(
      (g: { requestId?: string }) => g.requestId === id,
    );

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
      features: [catalogModuleMeshifi, meshifiPlugin],
      meshifi: {
        catalog: { defaultOwner: 'group:default/data-platform' },
      },
    });
    const created = await Promise.all([
      backend.runTemplate('ana', 'data-product', {
        name: 'orders',
        title: 'Orders',
        version: '0.1.0',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics'],
      }),
      backend.runTemplate('bo', 'data-product', {
        name: 'ledger',
        title: 'Ledger',
        version: '0.1.0',
        domain: 'domain:default/finance',
        owners: ['group:default/finance'],
      }),
    ]);
    const failed = created.filter(c => c.status !== 'completed');
    if (failed.length > 0) {
      throw new Error(`a product was not created: ${failed[0].log}`);
    }
    for (const name of ['orders', 'ledger']) {
      for (let waited = 0; ; waited += 200) {
        const found = await backend
          .api()
          .get(`/api/catalog/entities/by-name/dataproduct/default/${name}`)
          .set('Authorization', backend.as('pat'));
        if (found.status === 200) break;
        if (waited > 60_000)
          throw new Error(`${name} never reached the catalog`);
        await new Promise(r => setTimeout(r, 200));
      }
    }
  });
  afterAll(() => git.stop().catch(() => undefined));

  let financeRequest: string;

  it('keeps a request for the owners, who see it to decide and the requester does not', async () => {
    const asked = await ask('bo', {});
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      product: 'dataproduct:default/orders',
      xr: { namespace: 'sales', name: 'orders' },
      consumer: {
        type: 'group',
        email: 'finance@example.com',
        entityRef: 'group:default/finance',
      },
      layer: 'curated',
      requestedBy: 'user:default/bo',
      decision: 'pending',
    });
    financeRequest = asked.body.id;
    const owners = await report('ana');
    expect(owners.mayApprove).toBe(true);
    expect(await rowOf('ana', financeRequest)).toMatchObject({
      state: 'awaiting-approval',
      mayDecide: true,
    });
    const requester = await report('bo');
    expect(requester.mayApprove).toBe(false);
    expect(await rowOf('bo', financeRequest)).toMatchObject({
      state: 'awaiting-approval',
      mayDecide: false,
    });
    expect(grantFiles()).toEqual([]);
  });

  it('keeps a request made on the "Request access" template, in the name of whoever ran it', async () => {
    const task = await backend.runTemplate('bo', 'request-data-access', {
      product: 'dataproduct:default/ledger',
      consumer: 'user:default/pat',
      layer: 'curated',
      purpose: 'Check the ledger against the cash book',
      expires: inDays(30),
    });
    expect(task.log).not.toMatch(/error/i);
    expect(task.status).toBe('completed');
    const asked = (mayDecide: boolean) =>
      expect.objectContaining({
        state: 'awaiting-approval',
        requestedBy: 'user:default/bo',
        consumer: expect.objectContaining({ entityRef: 'user:default/pat' }),
        mayDecide,
      });
    // bo owns the ledger but asked: the platform team decides.
    expect((await report('bo', 'ledger')).grants).toEqual([asked(false)]);
    expect((await report('pat', 'ledger')).grants).toEqual([asked(true)]);
    // Refused by the backend, the task fails with its words.
    const again = await backend.runTemplate('bo', 'request-data-access', {
      product: 'dataproduct:default/ledger',
      consumer: 'user:default/pat',
      layer: 'curated',
      purpose: 'Check the ledger against the cash book',
      expires: inDays(30),
    });
    expect(again.status).toBe('failed');
    expect(again.log).toMatch(/awaits the product's owners/);
  });

  it('refuses the same request again while it waits', async () => {
    const again = await ask('bo', {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /already asked for .* by user:default\/bo, and awaits the product's owners/,
    );
  });

  it.each([
    [{ expires: '2020-01-01' }, /has passed|in the past/i],
    [{ expires: inDays(400) }, /at most|365/],
    [{ expires: '2027-02-30' }, /not a day/],
    [{ layer: 'raw' }, /raw layer of a data product is not shared/],
    [{ consumer: 'group:default/nobody' }, /not in the catalog/],
    [
      { consumer: 'component:default/web' },
      /pick a user, a group or a data product/,
    ],
    [{ product: 'dataproduct:default/missing' }, /no data product/],
    [{ purpose: 'x' }, /10 to 1,000 characters/],
    [{ consumer: 'group:default/sales-analytics' }, /owns orders already/],
    [
      { consumer: 'user:default/ana' },
      /is in group:default\/sales-analytics, which owns orders/,
    ],
  ])(
    'refuses %j with a clear message and changes nothing',
    async (body, message) => {
      const before = head();
      const res = await ask('bo', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(head()).toBe(before);
    },
  );

  it('lets neither a non-owner nor the requester approve', async () => {
    const stranger = await decide('bo', financeRequest, 'approve');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(
      /Only the owners of dataproduct:default\/orders and the platform team/,
    );
    // An owner asking for someone else may not approve their own request.
    const own = await ask('ana', { consumer: 'user:default/bo' });
    expect(own.status).toBe(201);
    const self = await decide('ana', own.body.id, 'approve');
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(
      /You asked for this access yourself/,
    );
    expect(grantFiles()).toEqual([]);
  });

  it('commits the grant on approval, with a message that says who, what and why', async () => {
    const approved = await decide('ana', financeRequest, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      decision: 'approved',
      decidedBy: 'user:default/ana',
    });
    const files = grantFiles();
    expect(files).toEqual([
      `domains/sales/access/${approved.body.grantName}.yaml`,
    ]);
    const file = git_('show', `main:${files[0]}`);
    // Flux reads YAML 1.1, where an unquoted day is a timestamp.
    expect(parse(file, { version: '1.1' }).spec.expires).toBe(inDays(90));
    const grant = parse(file);
    expect(grant).toMatchObject({
      kind: 'DataAccess',
      metadata: { name: approved.body.grantName, namespace: 'sales' },
      spec: {
        product: 'orders',
        consumer: { type: 'group', email: 'finance@example.com' },
        layer: 'curated',
        expires: inDays(90),
      },
    });
    expect(approved.body.commit).toBe(head());
    const message = git_('log', '-1', '--format=%B', 'main');
    expect(message).toContain(
      `Grant group:default/finance read access to the curated layer of orders until ${inDays(
        90,
      )}`,
    );
    expect(message).toContain('Requested by user:default/bo');
    expect(message).toContain('Approved by user:default/ana');
    // No cluster reports on it yet: it is being granted.
    expect(await rowOf('ana', financeRequest)).toMatchObject({
      state: 'being-granted',
      mayDecide: false,
    });
    const second = await decide('pat', financeRequest, 'approve');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(
      /already approved by user:default\/ana/,
    );
  });

  it('lets exactly one of two owners approving at once write the grant', async () => {
    const asked = await ask('bo', { consumer: 'dataproduct:default/ledger' });
    expect(asked.body.error?.message).toBeUndefined();
    expect(asked.status).toBe(201);
    expect(asked.body.consumer).toMatchObject({
      type: 'serviceAccount',
      entityRef: 'dataproduct:default/ledger',
    });
    const before = grantFiles().length;
    const verdicts = await Promise.all([
      decide('ana', asked.body.id, 'approve'),
      decide('pat', asked.body.id, 'approve'),
      decide('pat', asked.body.id, 'decline', 'Not needed any more'),
    ]);
    expect(verdicts.map(v => v.status).sort()).toEqual([200, 409, 409]);
    expect(grantFiles().length).toBe(before + 1);
  });

  it('declines with a reason the requester reads, and nothing is committed', async () => {
    const consumer = 'group:default/data-platform';
    const asked = await ask('bo', { consumer });
    expect(asked.status).toBe(201);
    const before = head();
    const noReason = await decide('ana', asked.body.id, 'decline', ' ');
    expect(noReason.status).toBe(400);
    const declined = await decide(
      'ana',
      asked.body.id,
      'decline',
      'Use the finance extract instead',
    );
    expect(declined.status).toBe(200);
    expect(await rowOf('ana', asked.body.id)).toMatchObject({
      state: 'declined',
      reason: 'Use the finance extract instead',
    });
    expect((await decide('pat', asked.body.id, 'approve')).status).toBe(409);
    expect(head()).toBe(before);
    // Declined, the same access may be asked for again.
    expect((await ask('bo', { consumer })).status).toBe(201);
  });

  it('refuses access to a retired product, pointing to its replacement', async () => {
    const clone = path.join(dir.path, 'retire');
    execFileSync('git', ['clone', '-q', remote, clone]);
    const file = path.join(clone, 'domains/sales/products/old-orders.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: meshifi.io/v1alpha1',
        'kind: DataProduct',
        'metadata:',
        '  name: old-orders',
        '  namespace: sales',
        '  labels:',
        '    meshifi.io/data-product: old-orders',
        '  annotations:',
        '    meshifi.io/owner: group:default/sales-analytics',
        'spec:',
        '  info:',
        '    name: old-orders',
        '    version: 2.0.0',
        '    title: Old orders',
        '  access:',
        '    owners:',
        '      - ana@example.com',
        '  domain: sales',
        '  status: retired',
        '  deprecation:',
        "    date: '2026-06-30'",
        '    replacedBy: orders',
        '',
      ].join('\n'),
    );
    const inClone = (...args: string[]) =>
      execFileSync('git', args, { cwd: clone, encoding: 'utf8' });
    inClone('add', '.');
    inClone(
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.com',
      'commit',
      '-q',
      '-m',
      'Retire old-orders',
    );
    inClone('push', '-q', 'origin', 'HEAD:main');
    for (let waited = 0; ; waited += 200) {
      const found = await backend
        .api()
        .get('/api/catalog/entities/by-name/dataproduct/default/old-orders')
        .set('Authorization', backend.as('pat'));
      if (found.status === 200) break;
      if (waited > 60_000)
        throw new Error('old-orders never reached the catalog');
      await new Promise(r => setTimeout(r, 200));
    }
    const asked = await ask('bo', {
      product: 'dataproduct:default/old-orders',
    });
    expect(asked.status).toBe(400);
    expect(asked.body.error.message).toBe(
      'Old orders is retired and no longer served: ask for access to orders, which replaces it.',
    );
  });

  it("lists on a group's page what it may read", async () => {
    const res = await backend
      .api()
      .get('/api/meshifi/consumers/group/default/finance/access')
      .set('Authorization', backend.as('bo'));
    expect(res.status).toBe(200);
    expect(res.body.grants).toEqual([
      expect.objectContaining({
        product: 'dataproduct:default/orders',
        state: 'being-granted',
        consumer: expect.objectContaining({
          entityRef: 'group:default/finance',
        }),
      }),
    ]);
  });

  it('turns away a caller who is not signed in', async () => {
    const res = await backend
      .api()
      .post('/api/meshifi/access-requests')
      .set('Authorization', 'Bearer not-a-token')
      .send({ product: 'dataproduct:default/orders' });
    expect(res.status).toBe(401);
  });

  it('keeps the request waiting when the git server is down, and says to try again', async () => {
    const asked = await ask('bo', { consumer: 'user:default/pat' });
    expect(asked.status).toBe(201);
    await git.stop();
    const approved = await decide('ana', asked.body.id, 'approve');
    expect(approved.status).toBe(503);
    expect(approved.body.error.message).toMatch(
      /cannot be reached right now .* Nothing was changed: try again/,
    );
    expect(await rowOf('ana', asked.body.id)).toMatchObject({
      state: 'awaiting-approval',
      mayDecide: true,
    });
  });
});
