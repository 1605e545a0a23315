import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
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
import { GitOpsSync, SyncOutcome } from './GitOpsSync';
import {
  author,
  commit,
  domainYaml,
  product,
  productFile,
  productYaml,
  syncUntil as syncPassesUntil,
} from './testHelpers';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

describeIf('GitOpsSync with a real git server and control plane', () => {
  let controlPlane: TestControlPlane;
  let gitServer: GitHttpServer;
  let root: string;
  let bare: string;
  let kubeConfig: KubeConfig;
  let api: CustomObjectsApi;
  let sync: GitOpsSync;
  const logger = collectingLogger();

  const readProduct = (name: string, namespace: string) =>
    api.getNamespacedCustomObject({
      group: 'meshifi.io',
      version: 'v1alpha1',
      plural: 'dataproducts',
      namespace,
      name,
    });

  const productExists = (name: string, namespace: string) =>
    readProduct(name, namespace).then(
      p => !p.metadata.deletionTimestamp,
      () => false,
    );

  /** Runs passes until `done` says so; returns every outcome. */
  const syncUntil = (
    done: (outcome: SyncOutcome) => boolean | Promise<boolean>,
    timeoutMs = 30_000,
  ) => syncPassesUntil(sync, logger, done, timeoutMs);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshifi-gitops-sync-'));
    bare = await createBareRepository(root, 'gitops.git');
    gitServer = await startGitHttpServer(root);
    controlPlane = await startTestControlPlane({ crossplane: true });
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(controlPlane.kubeconfigPath);
    api = kubeConfig.makeApiClient(CustomObjectsApi);
    sync = new GitOpsSync({
      repository: new GitOpsRepository({
        remote: gitServer.url('gitops.git'),
        branch: 'main',
        mirrorDir: path.join(root, 'sync-mirror'),
        author,
        fullHistory: true,
      }),
      kubeConfig,
      logger,
      intervalMs: 200,
    });
  }, 180_000);

  afterAll(async () => {
    await sync?.stop();
    await gitServer?.stop();
    await controlPlane?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('applies a domain, then its product once the domain’s namespace exists', async () => {
    const writer = new GitOpsRepository({
      remote: gitServer.url('gitops.git'),
      branch: 'main',
      mirrorDir: path.join(root, 'writer-mirror'),
      author,
    });
    const publish = (file: string, content: string) =>
      writer.publishFile({
        path: file,
        content,
        message: `Add ${file}`,
        ifExists: () => new Error(`${file} exists`),
      });
    await publish('domains/sales/domain.yaml', domainYaml('sales'));
    const published = await publish(
      productFile('orders', 'sales'),
      productYaml('orders', 'sales'),
    );

    const outcomes = await syncUntil(o =>
      o.applied.includes(productFile('orders', 'sales')),
    );
    expect(outcomes[0]).toMatchObject({
      commit: published.commit,
      applied: expect.arrayContaining(['domains/sales/domain.yaml']),
    });

    const domain = await api.getClusterCustomObject({
      group: 'meshifi.io',
      version: 'v1alpha1',
      plural: 'datadomains',
      name: 'sales',
    });
    expect(domain.metadata.labels['app.kubernetes.io/managed-by']).toBe(
      'meshifi-gitops-sync',
    );
    expect(domain.metadata.annotations['meshifi.io/gitops-path']).toBe(
      'domains/sales/domain.yaml',
    );
    const orders = await readProduct('orders', 'sales');
    expect(orders.spec).toMatchObject(product('orders', 'sales'));
    expect(orders.metadata.annotations['meshifi.io/gitops-path']).toBe(
      productFile('orders', 'sales'),
    );

    // Nothing changed: nothing is applied again.
    expect(await sync.syncOnce()).toMatchObject({
      applied: [],
      waiting: [],
      pruned: [],
    });
  });

  it('puts a product without a domain in the default namespace', async () => {
    commit(bare, { [productFile('loose')]: productYaml('loose') }, 'Add loose');
    await syncUntil(o => o.applied.includes(productFile('loose')));
    expect(await productExists('loose', 'default')).toBe(true);
  });

  it('keeps a product whose domain has no namespace waiting, without holding up the others', async () => {
    commit(
      bare,
      {
        [productFile('leads', 'marketing')]: productYaml('leads', 'marketing'),
        [productFile('visits')]: productYaml('visits'),
      },
      'Add leads, whose domain does not exist, and visits',
    );
    const [outcome] = await syncUntil(() => true);
    expect(outcome.waiting).toEqual([productFile('leads', 'marketing')]);
    // A new commit: everything it holds is applied again, but leads.
    expect(outcome.applied).toContain(productFile('visits'));
    expect(outcome.applied).not.toContain(productFile('leads', 'marketing'));
    expect(outcome.failed).toEqual([]);
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        /domains\/marketing\/products\/leads.yaml: waiting for the namespace marketing/,
      ),
    );

    // The domain arrives: the product follows.
    commit(
      bare,
      { 'domains/marketing/domain.yaml': domainYaml('marketing') },
      'Add marketing',
    );
    await syncUntil(o => o.applied.includes(productFile('leads', 'marketing')));
    expect(await productExists('leads', 'marketing')).toBe(true);
  });

  it('logs a broken file with its path, and applies the others', async () => {
    commit(
      bare,
      {
        'products/not-yaml.yaml': 'info: [name\n',
        'domains/wrong/domain.yaml': productYaml('wrong'),
        [productFile('fine')]: productYaml('fine'),
      },
      'Add two broken files and a good one',
    );
    const [outcome] = await syncUntil(() => true);
    expect(outcome.broken.sort()).toEqual([
      'domains/wrong/domain.yaml',
      'products/not-yaml.yaml',
    ]);
    expect(outcome.applied).toContain(productFile('fine'));
    expect(outcome.applied).toContain('domains/sales/domain.yaml');
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        /^warn skipping a broken file: products\/not-yaml.yaml is not valid YAML/,
      ),
    );
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        /^warn skipping a broken file: domains\/wrong\/domain.yaml holds DataProduct "wrong", whose place is products\/wrong.yaml/,
      ),
    );
    expect(await productExists('fine', 'default')).toBe(true);
  });

  it('prunes an object whose file was removed, and keeps one whose file broke', async () => {
    commit(
      bare,
      {
        [productFile('loose')]: null,
        [productFile('visits')]: 'spec: [broken\n',
      },
      'Remove loose, break visits',
    );
    const [outcome] = await syncUntil(() => true);
    expect(outcome.pruned).toEqual(['DataProduct default/loose']);
    expect(await productExists('loose', 'default')).toBe(false);
    expect(await productExists('visits', 'default')).toBe(true);
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        /keeping DataProduct default\/visits: its file products\/visits.yaml is broken/,
      ),
    );
  });

  it('applies again an object deleted by hand, on the same commit', async () => {
    await api.deleteNamespacedCustomObject({
      group: 'meshifi.io',
      version: 'v1alpha1',
      plural: 'dataproducts',
      namespace: 'default',
      name: 'fine',
    });
    const outcomes = await syncUntil(o =>
      o.applied.includes(productFile('fine')),
    );
    expect(outcomes[outcomes.length - 1].commit).toBe(outcomes[0].commit);
    expect(await productExists('fine', 'default')).toBe(true);
  });

  it('keeps running through an API server restart, and applies what came meanwhile', async () => {
    sync.start();
    await controlPlane.restartApiServer();
    commit(bare, { [productFile('after')]: productYaml('after') }, 'Add after');
    const deadline = Date.now() + 30_000;
    while (!(await productExists('after', 'default'))) {
      if (Date.now() > deadline) {
        throw new Error(`not applied; log:\n${logger.lines.join('\n')}`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
    await sync.stop();
    const log = logger.lines.join('\n');
    expect(log).toMatch(/warn cannot reach the cluster: .*; trying again/);
    expect(log).toMatch(/the repository and the cluster answer again/);
  }, 60_000);

  it('reports an unreachable repository and carries on', async () => {
    const closed = await startGitHttpServer(root);
    const url = closed.url('gitops.git');
    await closed.stop();
    const offline = collectingLogger();
    const lonely = new GitOpsSync({
      repository: new GitOpsRepository({
        remote: url,
        branch: 'main',
        mirrorDir: path.join(root, 'offline-mirror'),
        author,
      }),
      kubeConfig,
      logger: offline,
    });
    const first = await lonely.syncOnce();
    const second = await lonely.syncOnce();
    expect(first.unavailable).toMatch(/cannot read the GitOps repository/);
    expect(second.unavailable).toBe(first.unavailable);
    expect(offline.lines.filter(l => l.startsWith('warn'))).toHaveLength(1);
  });
});
