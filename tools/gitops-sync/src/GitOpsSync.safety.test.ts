import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { dataProductManifest } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import {
  collectingLogger,
  controlPlaneAvailable,
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
  startTestControlPlane,
  TestControlPlane,
} from '@meshifi/test-utils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { GitOpsSync, GitOpsSyncOptions, SyncOutcome } from './GitOpsSync';
import {
  author,
  commit,
  commitWithPlumbing,
  domainYaml,
  forcePush,
  product,
  productFile,
  productYaml,
  rename,
  syncUntil as syncPassesUntil,
} from './testHelpers';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

const MESHIFI = { group: 'meshifi.io', version: 'v1alpha1' };

/** A YAML alias bomb ("billion laughs"): ten levels of nine aliases each. */
function billionLaughs(): string {
  const names = 'abcdefghij';
  const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < names.length; i++) {
    const [previous, next] = [names[i - 1], names[i]];
    lines.push(
      `${next}: &${next} [${Array(9).fill(`*${previous}`).join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describeIf(
  'GitOpsSync keeps a repository many teams write to safe (real git and control plane)',
  () => {
    let controlPlane: TestControlPlane;
    let gitServer: GitHttpServer;
    let root: string;
    let bare: string;
    let admin: KubeConfig;
    /** The loop's identity: only the permissions in ../rbac. */
    let asLoop: KubeConfig;
    let api: CustomObjectsApi;
    let core: CoreV1Api;
    let sync: GitOpsSync;
    let instances = 0;
    const logger = collectingLogger();

    /** A sync loop with a mirror of its own: a restart of the loop, as far as the cluster can tell. */
    const newSync = (
      options: Partial<GitOpsSyncOptions> = {},
      log = collectingLogger(),
    ) =>
      new GitOpsSync({
        repository: new GitOpsRepository({
          remote: gitServer.url('gitops.git'),
          branch: 'main',
          mirrorDir: path.join(root, `mirror-${++instances}`),
          author,
          fullHistory: true,
        }),
        kubeConfig: asLoop,
        logger: log,
        intervalMs: 200,
        ...options,
      });

    /** Runs passes until `done` says so; returns every outcome. */
    const syncUntil = (
      loop: GitOpsSync,
      done: (outcome: SyncOutcome) => boolean | Promise<boolean>,
      timeoutMs = 60_000,
    ) => syncPassesUntil(loop, logger, done, timeoutMs);

    /** `count` passes in a row. */
    async function passes(loop: GitOpsSync, count: number) {
      const outcomes: SyncOutcome[] = [];
      for (let i = 0; i < count; i++) {
        outcomes.push(await loop.syncOnce());
      }
      return outcomes;
    }

    const getProduct = (name: string, namespace: string) =>
      api
        .getNamespacedCustomObject({
          ...MESHIFI,
          plural: 'dataproducts',
          namespace,
          name,
        })
        .catch(() => undefined);

    const live = async (name: string, namespace: string) => {
      const found = await getProduct(name, namespace);
      return Boolean(found && !found.metadata.deletionTimestamp);
    };

    const getDomain = (name: string) =>
      api
        .getClusterCustomObject({ ...MESHIFI, plural: 'datadomains', name })
        .catch(() => undefined);

    const eventsFor = async (reason: string) =>
      (
        await core.listNamespacedEvent({
          namespace: 'default',
          fieldSelector: `reason=${reason}`,
        })
      ).items;

    const lastAppliedCommit = async () =>
      (
        await core.readNamespacedConfigMap({
          namespace: 'default',
          name: 'meshifi-gitops-sync',
        })
      ).data?.lastAppliedCommit;

    beforeAll(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshifi-gitops-safety-'));
      bare = await createBareRepository(root, 'gitops.git');
      gitServer = await startGitHttpServer(root);
      controlPlane = await startTestControlPlane({ crossplane: true });
      admin = new KubeConfig();
      admin.loadFromFile(controlPlane.kubeconfigPath);
      api = admin.makeApiClient(CustomObjectsApi);
      core = admin.makeApiClient(CoreV1Api);

      // The loop runs with the permissions its README documents, and no more.
      const objects = KubernetesObjectApi.makeApiClient(admin);
      for (const file of ['clusterrole.yaml', 'role.yaml', 'bindings.yaml']) {
        const text = fs.readFileSync(
          path.join(__dirname, '..', 'rbac', file),
          'utf8',
        );
        for (const document of parseAllDocuments(text)) {
          await objects.create(document.toJS() as KubernetesObject);
        }
      }
      const token = (
        await core.createNamespacedServiceAccountToken({
          namespace: 'default',
          name: 'meshifi-gitops-sync',
          body: { spec: { audiences: [], expirationSeconds: 3600 } },
        })
      ).status!.token;
      const cluster = admin.getCurrentCluster()!;
      asLoop = new KubeConfig();
      asLoop.loadFromOptions({
        clusters: [
          { name: 'cluster', server: cluster.server, caData: cluster.caData },
        ],
        users: [{ name: 'gitops-sync', token }],
        contexts: [{ name: 'loop', cluster: 'cluster', user: 'gitops-sync' }],
        currentContext: 'loop',
      });
      sync = newSync({}, logger);
    }, 240_000);

    afterAll(async () => {
      await gitServer?.stop();
      await controlPlane?.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }, 60_000);

    const names = [1, 2, 3, 4, 5, 6, 7, 8].map(i => `item-${i}`);
    const removed = names.slice(0, 5);
    const removedKeys = removed.map(n => `DataProduct default/${n}`).sort();

    it('prunes nothing in a pass that would prune more than 25% of what it applied, with one Event; one product is pruned (scenario 6c)', async () => {
      commit(
        bare,
        Object.fromEntries(names.map(n => [productFile(n), productYaml(n)])),
        'Add eight products',
      );
      await syncUntil(sync, async () =>
        (await Promise.all(names.map(n => live(n, 'default')))).every(Boolean),
      );

      const deletion = commit(
        bare,
        Object.fromEntries(removed.map(n => [productFile(n), null])),
        'Remove five products',
      );
      for (const outcome of await passes(sync, 4)) {
        expect(outcome).toMatchObject({
          commit: deletion,
          pruned: [],
          pruneHeld: expect.stringMatching(
            /would prune 5 of the 8 objects the loop applied \(63%\), more than the 25% allowed/,
          ),
        });
        expect(outcome.kept.sort()).toEqual(removedKeys);
      }
      for (const name of names) {
        expect(await live(name, 'default')).toBe(true);
      }
      // A restarted loop holds it back too, without a second Event.
      const restarted = await newSync().syncOnce();
      expect(restarted).toMatchObject({ pruned: [], kept: expect.any(Array) });
      expect(restarted.pruneHeld).toBeDefined();

      const events = await eventsFor('PruneLimitExceeded');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'Warning',
        involvedObject: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          namespace: 'default',
          name: 'meshifi-gitops-sync',
        },
        message: expect.stringContaining(`--accept-head ${deletion}`),
      });
      expect(
        logger.lines.filter(l => l.includes('would prune 5 of the 8')),
      ).toHaveLength(1);

      // The files come back; then one product goes: it is pruned.
      commit(
        bare,
        Object.fromEntries(removed.map(n => [productFile(n), productYaml(n)])),
        'Restore the five products',
      );
      const [restored] = await passes(sync, 1);
      expect(restored).toMatchObject({ pruned: [], kept: [] });
      commit(bare, { [productFile('item-8')]: null }, 'Remove item-8');
      const [one] = await passes(sync, 1);
      expect(one.pruned).toEqual(['DataProduct default/item-8']);
      expect(one.pruneHeld).toBeUndefined();
      expect(await live('item-8', 'default')).toBe(false);
    }, 120_000);

    it('prunes beyond the limit a head the operator accepts', async () => {
      const deletion = commit(
        bare,
        Object.fromEntries(removed.map(n => [productFile(n), null])),
        'Remove five products, for good',
      );
      const [held] = await passes(sync, 1);
      expect(held.pruneHeld).toMatch(/would prune 5 of the 7/);
      expect(held.pruned).toEqual([]);

      const [accepted] = await passes(newSync({ acceptHead: deletion }), 1);
      expect(accepted.pruned.sort()).toEqual(removedKeys);
      expect(accepted.pruneHeld).toBeUndefined();
    }, 120_000);

    const shadows = [
      'domains/aaa/products/orders.yaml',
      'domains/zzz/products/orders.yaml',
    ];

    it('never applies a file that claims another domain’s product, whatever the sort order (scenario 4)', async () => {
      commit(
        bare,
        {
          'domains/sales/domain.yaml': domainYaml('sales'),
          [productFile('orders', 'sales')]: productYaml('orders', 'sales', [
            'ana@example.com',
          ]),
          // Sorted before and after the real file, in a folder of their own.
          [shadows[0]]: productYaml('orders', 'sales', ['mallory@example.com']),
          [shadows[1]]: productYaml('orders', 'sales', ['mallory@example.com']),
        },
        'Add sales with its orders, and two files that claim sales/orders',
      );
      const outcomes = await syncUntil(sync, o =>
        o.applied.includes(productFile('orders', 'sales')),
      );
      outcomes.push(...(await passes(sync, 2)));
      for (const outcome of outcomes) {
        expect(outcome.broken.sort()).toEqual(shadows);
        expect(outcome.applied).not.toContain(shadows[0]);
        expect(outcome.applied).not.toContain(shadows[1]);
      }
      const orders = await getProduct('orders', 'sales');
      expect(orders.spec.access.owners).toEqual(['ana@example.com']);
      expect(orders.metadata.annotations['meshifi.io/gitops-path']).toBe(
        productFile('orders', 'sales'),
      );
      for (const shadow of shadows) {
        expect(logger.lines).toContainEqual(
          `warn skipping a broken file: ${shadow} holds DataProduct "orders", whose place is domains/sales/products/orders.yaml: move it there, or fix its content.`,
        );
      }
    }, 120_000);

    it('reports an alias bomb, a file over the size limit and a name with a line break, and applies every other file in the same pass (scenario 5)', async () => {
      const bomb = productFile('bomb', 'sales');
      const huge = productFile('huge', 'sales');
      const newline = 'domains/sales/products/a\nb.yaml';
      const head = commitWithPlumbing(
        bare,
        {
          // Claims payments; git's batch reader would read it as two names.
          [newline]: productYaml('payments', 'sales', ['mallory@example.com']),
          [bomb]: billionLaughs(),
          // Valid, but over the limit: a 300 KiB comment.
          [huge]: `# ${'x'.repeat(300 * 1024)}\n${productYaml(
            'huge',
            'sales',
          )}`,
          [productFile('payments', 'sales')]: productYaml('payments', 'sales'),
          [productFile('refunds', 'sales')]: productYaml('refunds', 'sales'),
        },
        'Add an alias bomb, a huge file, a name with a line break, payments and refunds',
      );

      const [outcome] = await passes(sync, 1);
      expect(outcome.commit).toBe(head);
      expect(outcome.unavailable).toBeUndefined();
      expect(outcome.broken.sort()).toEqual(
        [...shadows, newline, bomb, huge].sort(),
      );
      // Everything else the commit holds, in this very pass.
      expect(outcome.applied.sort()).toEqual(
        [
          'domains/sales/domain.yaml',
          productFile('orders', 'sales'),
          productFile('payments', 'sales'),
          productFile('refunds', 'sales'),
          productFile('item-6'),
          productFile('item-7'),
        ].sort(),
      );
      expect(outcome.failed).toEqual([]);

      const sales = await api.listNamespacedCustomObject({
        ...MESHIFI,
        plural: 'dataproducts',
        namespace: 'sales',
      });
      const found = sales.items as {
        metadata: { name: string; annotations: Record<string, string> };
        spec: { access: { owners: string[] } };
      }[];
      expect(found.map(p => p.metadata.name).sort()).toEqual([
        'orders',
        'payments',
        'refunds',
      ]);
      for (const item of found) {
        // Each object from its own file, with its own content.
        expect(item.metadata.annotations['meshifi.io/gitops-path']).toBe(
          productFile(item.metadata.name, 'sales'),
        );
        expect(item.spec.access.owners).toEqual(['ana@example.com']);
      }

      const log = logger.lines.join('\n');
      expect(log).toContain(
        'warn skipping a broken file: domains/sales/products/a\\u000ab.yaml was not read: its name contains a line break',
      );
      expect(log).toMatch(
        /warn skipping a broken file: domains\/sales\/products\/bomb.yaml cannot be read: /,
      );
      expect(log).toMatch(
        /warn skipping a broken file: domains\/sales\/products\/huge.yaml was not read: it is 300 KiB, more than/,
      );
      // One line per message: a name cannot forge a log line.
      expect(logger.lines.filter(l => l.includes('\n'))).toEqual([]);
    }, 120_000);

    it('keeps a domain whose file is gone while products live in its namespace, and prunes it when they are gone (scenario 6a)', async () => {
      commit(
        bare,
        {
          'domains/finance/domain.yaml': domainYaml('finance'),
          [productFile('ledger', 'finance')]: productYaml('ledger', 'finance'),
        },
        'Add finance and its ledger',
      );
      await syncUntil(sync, o =>
        o.applied.includes(productFile('ledger', 'finance')),
      );
      // A product in the domain that someone else applied, not the loop.
      await api.createNamespacedCustomObject({
        ...MESHIFI,
        plural: 'dataproducts',
        namespace: 'finance',
        body: dataProductManifest(product('manual', 'finance')),
      });

      const renamed = rename(
        bare,
        'domains/finance/domain.yaml',
        'domains/finance/domain.yaml.old',
      );
      for (const outcome of await passes(sync, 4)) {
        expect(outcome).toMatchObject({
          commit: renamed,
          pruned: [],
          kept: ['DataDomain finance'],
        });
      }
      const domain = await getDomain('finance');
      expect(domain?.metadata.deletionTimestamp).toBeUndefined();
      const namespace = await core.readNamespace({ name: 'finance' });
      expect(namespace.status?.phase).toBe('Active');
      expect(await live('ledger', 'finance')).toBe(true);
      expect(await live('manual', 'finance')).toBe(true);

      const events = await eventsFor('DomainStillUsed');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'Warning',
        involvedObject: {
          apiVersion: 'meshifi.io/v1alpha1',
          kind: 'DataDomain',
          name: 'finance',
          uid: domain.metadata.uid,
        },
      });
      expect(events[0].message).toContain('finance/ledger');
      expect(events[0].message).toContain('finance/manual');
      expect(
        logger.lines.filter(l =>
          l.startsWith('warn keeping DataDomain finance'),
        ),
      ).toHaveLength(1);

      // The loop's product goes with its file; the other still holds the domain.
      commit(
        bare,
        { [productFile('ledger', 'finance')]: null },
        'Remove ledger',
      );
      const [next] = await passes(sync, 1);
      expect(next.pruned).toEqual(['DataProduct finance/ledger']);
      expect(next.kept).toEqual(['DataDomain finance']);
      expect((await getDomain('finance'))?.metadata.deletionTimestamp).toBe(
        undefined,
      );

      // Its owner removes it: then the domain is pruned.
      await api.deleteNamespacedCustomObject({
        ...MESHIFI,
        plural: 'dataproducts',
        namespace: 'finance',
        name: 'manual',
      });
      await syncUntil(
        sync,
        o => o.pruned.includes('DataDomain finance'),
        120_000,
      );
      const gone = await getDomain('finance');
      expect(!gone || gone.metadata.deletionTimestamp).toBeTruthy();
    }, 180_000);

    it('does not apply a force-pushed head until an operator accepts it, across restarts (scenario 6b)', async () => {
      const base = commit(
        bare,
        { [productFile('item-9')]: productYaml('item-9') },
        'Add item-9',
      );
      await syncUntil(sync, o => o.commit === base);
      const before = commit(
        bare,
        { [productFile('before-force')]: productYaml('before-force') },
        'Add before-force',
      );
      await syncUntil(sync, o =>
        o.applied.includes(productFile('before-force')),
      );
      expect(await lastAppliedCommit()).toBe(before);

      // Someone resets the branch to item-9's commit and force-pushes another history.
      const forced = forcePush(
        bare,
        base,
        {
          [productFile('forced')]: productYaml('forced'),
          [productFile('item-9')]: null,
        },
        'Another history',
      );
      const refusal = new RegExp(
        `not applying ${forced}, the head of main: it does not descend from ${before}`,
      );
      for (const outcome of await passes(sync, 4)) {
        expect(outcome).toMatchObject({
          commit: forced,
          refused: expect.stringMatching(refusal),
          applied: [],
          pruned: [],
        });
      }
      expect(await live('forced', 'default')).toBe(false);
      expect(await live('before-force', 'default')).toBe(true);
      expect(await live('item-9', 'default')).toBe(true);
      expect(logger.lines.filter(l => refusal.test(l))).toHaveLength(1);

      // A restarted loop (a new mirror, the state in the ConfigMap) refuses it too.
      const [restarted] = await passes(newSync(), 2);
      expect(restarted).toMatchObject({
        refused: expect.stringMatching(refusal),
        applied: [],
        pruned: [],
      });
      expect(await lastAppliedCommit()).toBe(before);
      const events = await eventsFor('NonDescendantHead');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'Warning',
        involvedObject: { kind: 'ConfigMap', name: 'meshifi-gitops-sync' },
        message: expect.stringContaining(`--accept-head ${forced}`),
      });

      // The operator checks the new history and accepts it.
      const [accepted] = await passes(newSync({ acceptHead: forced }), 1);
      expect(accepted.refused).toBeUndefined();
      expect(accepted.applied).toContain(productFile('forced'));
      expect(accepted.pruned.sort()).toEqual([
        'DataProduct default/before-force',
        'DataProduct default/item-9',
      ]);
      expect(await lastAppliedCommit()).toBe(forced);

      // What follows the accepted head flows again, without the flag.
      const after = commit(
        bare,
        { [productFile('after-force')]: productYaml('after-force') },
        'Add after-force',
      );
      const [next] = await passes(newSync(), 1);
      expect(next).toMatchObject({
        commit: after,
        applied: expect.arrayContaining([productFile('after-force')]),
      });
      expect(next.refused).toBeUndefined();
      expect(await lastAppliedCommit()).toBe(after);
    }, 120_000);
  },
);
