// Flux (scripts/lib/flux.sh, deploy/flux) on a real control plane, fetching
// the GitOps repository from this package's read-only server: meshifi's
// layout applied domains first, each domain's products by the Kustomization
// its DataDomain composes, a removed domain.yaml deleting nothing, a broken
// product file stopping only the products of its domain, a domain's last
// product file removed deleting its DataProduct, and an access grant applied
// beside its product and pruned once its file goes.
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  dataAccessManifest,
  gitopsApplyOf,
  gitopsPath,
  gitopsYaml,
  KubernetesObject,
} from '@meshifi/common';
import {
  controlPlaneAvailable,
  eventually,
  startTestControlPlane,
  TestControlPlane,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

type Condition = {
  type: string;
  status: string;
  message?: string;
  lastTransitionTime?: string;
};
type KubeObject = {
  spec?: Record<string, unknown>;
  metadata: {
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
  };
  status?: {
    conditions?: Condition[];
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
  };
};

const condition = (object: KubeObject, type: string) =>
  object.status?.conditions?.find(c => c.type === type);

const domainYaml = (name: string) => `apiVersion: meshifi.io/v1alpha1
kind: DataDomain
metadata:
  name: ${name}
spec:
  owner: group:default/analytics
  gcpProject: acme-${name}-data
`;

const productYaml = (
  name: string,
  domain: string,
) => `apiVersion: meshifi.io/v1alpha1
kind: DataProduct
metadata:
  name: ${name}
  namespace: ${domain}
spec:
  info:
    name: ${name}
    version: 0.1.0
  access:
    owners:
      - ana@example.com
  domain: ${domain}
`;

/** Commits the changes (null deletes a file) to the bare repository, as a person would; returns the commit. */
function commit(bare: string, changes: Record<string, string | null>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshifi-flux-work-'));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args],
      { cwd: dir, stdio: 'pipe' },
    ).toString('utf8');
  try {
    git('clone', '--quiet', bare, '.');
    for (const [file, content] of Object.entries(changes)) {
      if (content === null) {
        fs.rmSync(path.join(dir, file));
      } else {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
    }
    git('add', '-A');
    git('commit', '--quiet', '-m', 'change');
    git('push', '--quiet', 'origin', 'HEAD:main');
    return git('rev-parse', 'HEAD').trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeIf('Flux on a local control plane', () => {
  let root: string;
  let bare: string;
  let controlPlane: TestControlPlane;
  let api: CustomObjectsApi;

  const get = (
    group: string,
    plural: string,
    name: string,
    namespace?: string,
  ): Promise<KubeObject> =>
    namespace
      ? api.getNamespacedCustomObject({
          group,
          version: group === 'meshifi.io' ? 'v1alpha1' : 'v1',
          plural,
          namespace,
          name,
        })
      : api.getClusterCustomObject({
          group,
          version: 'v1alpha1',
          plural,
          name,
        });
  const domain = (name: string) => get('meshifi.io', 'datadomains', name);
  const product = (name: string, namespace: string) =>
    get('meshifi.io', 'dataproducts', name, namespace);
  const kustomization = (name: string) =>
    get('kustomize.toolkit.fluxcd.io', 'kustomizations', name, 'flux-system');

  /** What Flux logged: the end of each controller's log, for a failure's message. */
  const logs = () =>
    ['git-http-server', 'source-controller', 'kustomize-controller']
      .map(name => {
        const file = path.join(controlPlane.dir, 'logs', `${name}.log`);
        const lines = fs.existsSync(file)
          ? fs.readFileSync(file, 'utf8').split('\n').slice(-15)
          : [];
        return `--- ${name}.log\n${lines.join('\n')}`;
      })
      .join('\n');

  /** Until the Kustomizations have applied (or tried) the commit. */
  const fluxSaw = (revision: string, domains: string[] = []) => {
    const names = [
      'meshifi-domains',
      'meshifi-products',
      ...domains.map(d => `meshifi-products-${d}`),
    ];
    return eventually(
      async () => {
        for (const name of names) {
          expect(
            (await kustomization(name)).status?.lastAttemptedRevision,
          ).toBe(`main@sha1:${revision}`);
        }
      },
      { timeoutMs: 120_000, context: logs },
    );
  };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshifi-flux-'));
    bare = path.join(root, 'gitops.git');
    execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', bare]);
    controlPlane = await startTestControlPlane({
      crossplane: true,
      standIn: true,
      flux: bare,
    });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(controlPlane.kubeconfigPath);
    api = kubeConfig.makeApiClient(CustomObjectsApi);
  }, 900_000);

  afterAll(async () => {
    await controlPlane?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('applies a committed domain, then its product once the domain is Ready', async () => {
    commit(bare, {
      'README.md': 'Not a manifest: Flux leaves it out.\n',
      'domains/sales/domain.yaml': domainYaml('sales'),
      'domains/sales/products/orders.yaml': productYaml('orders', 'sales'),
    });
    const ready = await eventually(
      async () => {
        const readyCondition = condition(await domain('sales'), 'Ready');
        expect(readyCondition?.status).toBe('True');
        return readyCondition!;
      },
      { timeoutMs: 180_000, context: logs },
    );
    const applied = await eventually(() => product('orders', 'sales'), {
      timeoutMs: 120_000,
      context: logs,
    });
    // Seconds: the product was created no earlier than the domain was Ready.
    expect(
      Date.parse(applied.metadata.creationTimestamp!),
    ).toBeGreaterThanOrEqual(Date.parse(ready.lastTransitionTime!));
    // By the Kustomization the domain composed, not one for every domain.
    expect(applied.metadata.labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'meshifi-products-sales',
    });
    expect(
      (await kustomization('meshifi-products-sales')).metadata.labels,
    ).toMatchObject({ 'meshifi.io/products-of': 'sales' });
  }, 400_000);

  it('keeps the DataDomain and its product when domain.yaml is deleted', async () => {
    const revision = commit(bare, { 'domains/sales/domain.yaml': null });
    await fluxSaw(revision);
    await eventually(
      async () => {
        const domains = await kustomization('meshifi-domains');
        expect(domains.status?.lastAppliedRevision).toBe(
          `main@sha1:${revision}`,
        );
      },
      { timeoutMs: 120_000, context: logs },
    );
    const kept = await domain('sales');
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
    expect(condition(kept, 'Ready')?.status).toBe('True');
    expect(
      (await product('orders', 'sales')).metadata.deletionTimestamp,
    ).toBeUndefined();
  }, 300_000);

  it("holds back only the products of the broken file's domain, naming the file, while the other domains' keep being applied", async () => {
    commit(bare, { 'domains/finance/domain.yaml': domainYaml('finance') });
    await eventually(
      async () => {
        expect(
          condition(await kustomization('meshifi-products-finance'), 'Ready')
            ?.status,
        ).toBeDefined();
      },
      { timeoutMs: 180_000, context: logs },
    );
    const revision = commit(bare, {
      'domains/sales/products/broken.yaml':
        'apiVersion: meshifi.io/v1alpha1\nkind: DataProduct\nmetadata: [broken\n',
      'domains/sales/products/refunds.yaml': productYaml('refunds', 'sales'),
      'domains/finance/products/invoices.yaml': productYaml(
        'invoices',
        'finance',
      ),
    });
    // Finance's product of the same commit is applied.
    await eventually(() => product('invoices', 'finance'), {
      timeoutMs: 120_000,
      context: logs,
    });
    await eventually(
      async () => {
        const sales = await kustomization('meshifi-products-sales');
        expect(sales.status?.lastAttemptedRevision).toBe(
          `main@sha1:${revision}`,
        );
        const readyCondition = condition(sales, 'Ready');
        expect(readyCondition?.status).toBe('False');
        expect(readyCondition?.message).toContain(
          'domains/sales/products/broken.yaml',
        );
      },
      { timeoutMs: 120_000, context: logs },
    );
    // Sales's good file of that commit waits with the broken one; what sales
    // applied before stays.
    await expect(product('refunds', 'sales')).rejects.toThrow();
    expect(
      (await product('orders', 'sales')).metadata.deletionTimestamp,
    ).toBeUndefined();

    // What a product's page says, from Flux's own words. Flux marks Ready
    // Unknown at the start of each retry (the backend's cache keeps the
    // failure then): read until a reading falls between two retries.
    const pageOf = (
      kustomizations: KubernetesObject[],
      namespace: string,
      name: string,
    ) =>
      gitopsApplyOf(
        {
          namespace,
          name,
          file: `domains/${namespace}/products/${name}.yaml`,
        },
        kustomizations,
      );
    await eventually(
      async () => {
        const { items } = (await api.listClusterCustomObject({
          group: 'kustomize.toolkit.fluxcd.io',
          version: 'v1',
          plural: 'kustomizations',
          labelSelector: 'meshifi.io/products-of',
        })) as { items: KubernetesObject[] };
        expect(pageOf(items, 'sales', 'broken')).toMatchObject({
          state: 'file-failed',
          file: 'domains/sales/products/broken.yaml',
          reason: expect.not.stringContaining('kustomization-'),
        });
        expect(pageOf(items, 'sales', 'refunds')).toMatchObject({
          state: 'held-back',
          domain: 'sales',
          file: 'domains/sales/products/broken.yaml',
        });
        expect(pageOf(items, 'finance', 'invoices')).toEqual({
          state: 'applied',
        });
      },
      { timeoutMs: 30_000, context: logs },
    );
  }, 400_000);

  it("deletes a domain's last product when its file is removed", async () => {
    const revision = commit(bare, {
      'domains/finance/products/invoices.yaml': null,
    });
    await fluxSaw(revision, ['finance']);
    await eventually(
      async () => {
        const gone = await product('invoices', 'finance').then(
          found => found.metadata.deletionTimestamp !== undefined,
          () => true,
        );
        expect(gone).toBe(true);
      },
      { timeoutMs: 120_000, context: logs },
    );
  }, 300_000);

  it('applies a grant beside its product as meshifi writes it, and prunes it once its file is removed', async () => {
    // A last day a month ahead, written as meshifi writes it: a YAML 1.1
    // reader such as Flux must see the day, not a timestamp.
    const expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)
      .toISOString()
      .slice(0, 10);
    const grant = dataAccessManifest('orders-finance', 'sales', {
      product: 'orders',
      consumer: { type: 'group', email: 'finance@example.com' },
      purpose: 'Reconcile invoices with the orders they bill',
      expires,
    });
    const file = gitopsPath(grant);
    expect(file).toBe('domains/sales/access/orders-finance.yaml');
    const added = commit(bare, {
      [file]: gitopsYaml(grant),
      // The broken file an earlier test left holds back the domain's files.
      'domains/sales/products/broken.yaml': null,
    });
    await fluxSaw(added, ['sales']);
    const applied = await eventually(
      () => get('meshifi.io', 'dataaccesses', 'orders-finance', 'sales'),
      { timeoutMs: 120_000, context: logs },
    );
    expect(applied.spec).toMatchObject({ product: 'orders', expires });
    expect(applied.metadata.labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'meshifi-products-sales',
    });

    // What the access housekeeping commits once the grant has ended.
    const removed = commit(bare, { [file]: null });
    await fluxSaw(removed, ['sales']);
    await eventually(
      async () => {
        const gone = await get(
          'meshifi.io',
          'dataaccesses',
          'orders-finance',
          'sales',
        ).then(
          found => found.metadata.deletionTimestamp !== undefined,
          () => true,
        );
        expect(gone).toBe(true);
      },
      { timeoutMs: 120_000, context: logs },
    );
  }, 300_000);
});
