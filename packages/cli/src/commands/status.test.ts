/*
 * `meshifi status` as a user runs it (the built binary), against a real
 * local control plane: kube-apiserver + etcd, Crossplane core composing the
 * products this test applies, and the stand-in GCP provider making their
 * managed resources Ready (or failing, when asked). The binary reads the
 * cluster as a service account bound to the ClusterRole this package ships
 * (rbac/clusterrole.yaml), so these tests also prove that it allows what the
 * command needs.
 */
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import {
  apiResourceOf,
  dataDomainManifest,
  dataProductManifest,
  KINDS,
  KubernetesObject,
  ProvisioningReport,
} from '@meshifi/common';
import {
  controlPlaneAvailable,
  eventually,
  startTestControlPlane,
  TestControlPlane,
} from '@meshifi/test-utils';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { useBuiltCli } from '../__testUtils__/runCli';
import { ListingApiServer } from '../status/__testUtils__/listingApiServer';
import {
  domainNamed,
  productIn as listedProduct,
} from '../status/__testUtils__/products';
import { SilentServer } from '../status/__testUtils__/silentServer';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

/** The stand-in provider's FAIL_ANNOTATION: a named Google failure on create. */
const STAND_IN_FAIL = 'stand-in.meshifi.io/fail';

/** A port nothing listens on: one the system gave out and was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** Writes a kubeconfig for one server and credentials; returns its path. */
async function writeKubeconfig(
  dir: string,
  name: string,
  cluster: { server: string; caData?: string; skipTLSVerify?: boolean },
  token?: string,
): Promise<string> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'local', skipTLSVerify: false, ...cluster }],
    users: [{ name, ...(token ? { token } : {}) }],
    contexts: [{ name: `${name}@local`, cluster: 'local', user: name }],
    currentContext: `${name}@local`,
  });
  const file = path.join(dir, `${name}.kubeconfig`);
  await fs.writeFile(file, kubeConfig.exportConfig());
  return file;
}

/**
 * Reads until `until` holds, and gives what it read; on timeout the error
 * shows the last value (`eventually` of @meshifi/test-utils).
 */
const readUntil = <T>(read: () => Promise<T>, until: (value: T) => boolean) =>
  eventually(
    async () => {
      const value = await read();
      if (!until(value)) {
        throw new Error(
          `not yet; last value: ${JSON.stringify(value)?.slice(0, 2000)}`,
        );
      }
      return value;
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );

const isReady = (object: KubernetesObject | undefined) =>
  (
    object?.status as { conditions?: { type: string; status: string }[] }
  )?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false;

describe('meshifi status', () => {
  const runCli = useBuiltCli();
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-status-'));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('says which server it cannot reach, with exit code 2, at once', async () => {
    const server = `https://127.0.0.1:${await closedPort()}`;
    const kubeconfig = await writeKubeconfig(dir, 'nobody', { server });
    const { code, stdout, stderr } = await runCli([
      'status',
      'orders',
      '--kubeconfig',
      kubeconfig,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `meshifi: Cannot reach the cluster at ${server} (context nobody@local): no connection to the cluster: connect ECONNREFUSED ${server.slice(
        'https://'.length,
      )}. Check that the cluster runs and that --kubeconfig and --context name it.\n`,
    );
  });

  it('names a context the kubeconfig lacks, and those it has', async () => {
    const kubeconfig = await writeKubeconfig(dir, 'someone', {
      server: 'https://127.0.0.1:1',
    });
    const { code, stderr } = await runCli([
      'status',
      'orders',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'production',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'meshifi: The kubeconfig has no context production; it has someone@local.\n',
    );
  });

  it('says a kubeconfig cannot be read, without a stack trace', async () => {
    const { code, stderr } = await runCli([
      'status',
      'orders',
      '--kubeconfig',
      path.join(dir, 'missing.kubeconfig'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^meshifi: Cannot read the kubeconfig .*missing\.kubeconfig: .*ENOENT.*\n$/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  describe('against a cluster that accepts the connection and never answers', () => {
    let silent: SilentServer;
    let kubeconfig: string;

    beforeAll(async () => {
      silent = await SilentServer.start();
      kubeconfig = await writeKubeconfig(dir, 'waiting', {
        server: silent.url,
      });
    });

    afterAll(async () => {
      await silent.close();
    });

    it('gives up after --timeout seconds, says what to check and whom to ask, with exit code 2', async () => {
      const started = Date.now();
      const { code, stdout, stderr } = await runCli(
        ['status', 'orders', '--kubeconfig', kubeconfig, '--timeout', '2'],
        { timeoutMs: 20_000 },
      );
      const took = Date.now() - started;
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `meshifi: The cluster at ${silent.url} (context waiting@local) did not answer within 2 seconds. Check that --kubeconfig and --context name the cluster you mean and that your network reaches it (a VPN, for instance); if they do, ask your platform team whether the cluster is up. A slow cluster can be given longer with --timeout <seconds>.\n`,
      );
      expect(code).toBe(2);
      expect(silent.connections).toBeGreaterThan(0);
      // Two seconds of waiting, plus starting Node and the Kubernetes client.
      expect(took).toBeGreaterThanOrEqual(2_000);
      expect(took).toBeLessThan(12_000);
    }, 30_000);

    it('refuses a --timeout that is not a whole number of seconds, asking nothing', async () => {
      const before = silent.connections;
      for (const timeout of ['0', 'soon', '-1', '86400']) {
        const { code, stderr } = await runCli([
          'status',
          'orders',
          '--kubeconfig',
          kubeconfig,
          '--timeout',
          timeout,
        ]);
        expect(code).toBe(1);
        expect(stderr).toContain(
          'Give the seconds to wait for the cluster as a whole number from 1 to 3600, for example 60.',
        );
      }
      expect(silent.connections).toBe(before);
    });

    it('says in its help that it waits 30 seconds unless told otherwise', async () => {
      const { code, stdout } = await runCli(['status', '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /--timeout <seconds> +how long to wait for the cluster to answer\s+\(default: 30\)/,
      );
    });
  });

  describe('with the same product name in two domains', () => {
    /** Flux's Kustomization of sales, as kustomize-controller v1.9.6 leaves it on a broken file. */
    const salesHeldBack: KubernetesObject = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name: 'meshifi-products-sales',
        namespace: 'flux-system',
        labels: { 'meshifi.io/products-of': 'sales' },
      },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'BuildFailed',
            message:
              'kustomize build failed: failed to decode Kubernetes YAML from /tmp/kustomization-2231187446/domains/sales/products/broken.yaml: MalformedYAMLError: yaml: line 3: did not find expected node content',
          },
        ],
      },
    };
    let cluster: ListingApiServer;
    let kubeconfig: string;

    beforeAll(async () => {
      cluster = await ListingApiServer.start([
        listedProduct('orders', 'sales'),
        listedProduct('orders', 'finance'),
        domainNamed('sales'),
        domainNamed('finance'),
        salesHeldBack,
      ]);
      // Plain HTTP on loopback: the Kubernetes client asks for skipTLSVerify then.
      kubeconfig = await writeKubeconfig(
        dir,
        'analyst',
        { server: cluster.url, skipTLSVerify: true },
        'not-a-real-token',
      );
    });

    afterAll(async () => {
      await cluster.close();
    });

    it('lists the domains that have it and asks for --domain, with exit code 1', async () => {
      const { code, stdout, stderr } = await runCli([
        'status',
        'orders',
        '--kubeconfig',
        kubeconfig,
      ]);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'meshifi: The domains finance, sales each have a data product orders: say which one you mean with --domain, for example meshifi status orders --domain finance.\n',
      );
      expect(code).toBe(1);
    });

    it('shows the product of the domain --domain picks', async () => {
      const text = await runCli([
        'status',
        'orders',
        '--domain',
        'sales',
        '--kubeconfig',
        kubeconfig,
      ]);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^orders in the domain sales: /);

      const json = await runCli([
        'status',
        'orders',
        '--domain',
        'finance',
        '--format',
        'json',
        '--kubeconfig',
        kubeconfig,
      ]);
      expect(json.code).toBe(0);
      expect((JSON.parse(json.stdout) as ProvisioningReport).xr).toMatchObject({
        name: 'orders',
        namespace: 'finance',
      });
    });

    it("says when a broken file of the product's domain holds its changes back, and of that domain only", async () => {
      const sales = await runCli([
        'status',
        'orders',
        '--domain',
        'sales',
        '--kubeconfig',
        kubeconfig,
      ]);
      expect(sales.code).toBe(0);
      expect(sales.stdout.split('\n')).toContain(
        '! Changes to the data products of sales are held back: the file domains/sales/products/broken.yaml could not be applied. This product keeps its last applied state. Ask your platform team if it stays so.',
      );
      expect(
        cluster.requests.some(
          r => r.path === '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations',
        ),
      ).toBe(true);

      const finance = await runCli([
        'status',
        'orders',
        '--domain',
        'finance',
        '--format',
        'json',
        '--kubeconfig',
        kubeconfig,
      ]);
      expect(finance.code).toBe(0);
      expect(
        (JSON.parse(finance.stdout) as ProvisioningReport).gitopsApply,
      ).toBeUndefined();
    });

    it('refuses a name or a domain no object can have, with exit code 1, asking nothing', async () => {
      const before = cluster.requests.length;
      const name = await runCli([
        'status',
        'orders,metadata.namespace=finance',
        '--kubeconfig',
        kubeconfig,
      ]);
      expect(name.code).toBe(1);
      expect(name.stderr).toMatch(
        /^meshifi: No data product can be called "orders,metadata\.namespace=finance": /,
      );
      const domain = await runCli([
        'status',
        'orders',
        '--domain',
        'Sales',
        '--kubeconfig',
        kubeconfig,
      ]);
      expect(domain.code).toBe(1);
      expect(domain.stderr).toMatch(
        /^meshifi: No domain can be called "Sales": /,
      );
      expect(cluster.requests.length).toBe(before);
    });
  });

  describeIf('on a real control plane', () => {
    let controlPlane: TestControlPlane;
    let admin: KubeConfig;
    /** A kubeconfig of a service account bound to rbac/clusterrole.yaml. */
    let reader: string;
    /** A kubeconfig of a service account bound to nothing. */
    let stranger: string;

    const status = (args: string[], kubeconfig = reader) =>
      runCli(['status', ...args, '--kubeconfig', kubeconfig], {
        timeoutMs: 60_000,
      });

    async function serviceAccount(name: string): Promise<string> {
      const core = admin.makeApiClient(CoreV1Api);
      await core.createNamespacedServiceAccount({
        namespace: 'default',
        body: { metadata: { name } },
      });
      const request = await core.createNamespacedServiceAccountToken({
        namespace: 'default',
        name,
        body: { spec: { audiences: [], expirationSeconds: 3600 } },
      });
      const cluster = admin.getCurrentCluster()!;
      return writeKubeconfig(
        dir,
        name,
        { server: cluster.server, caData: cluster.caData },
        request.status!.token,
      );
    }

    async function product(name: string, namespace: string) {
      const custom = admin.makeApiClient(CustomObjectsApi);
      return (await custom.getNamespacedCustomObject({
        ...apiResourceOf(KINDS.dataProduct),
        namespace,
        name,
      })) as KubernetesObject;
    }

    async function apply(...objects: KubernetesObject[]) {
      const api = KubernetesObjectApi.makeApiClient(admin);
      for (const object of objects) {
        await api.create(object as any);
      }
    }

    const productIn = (name: string, domain: string) => {
      const manifest = dataProductManifest({
        info: { name, version: '0.1.0', title: `Product ${name}` },
        access: { owners: ['ana@example.com'] },
        domain,
      });
      return {
        ...manifest,
        metadata: { ...manifest.metadata, namespace: domain },
      };
    };

    beforeAll(async () => {
      controlPlane = await startTestControlPlane({
        crossplane: true,
        standIn: true,
      });
      admin = new KubeConfig();
      admin.loadFromFile(controlPlane.kubeconfigPath);
      const role = parse(
        await fs.readFile(
          path.join(__dirname, '..', '..', 'rbac', 'clusterrole.yaml'),
          'utf8',
        ),
      );
      await apply(role);
      reader = await serviceAccount('analyst');
      stranger = await serviceAccount('stranger');
      await admin
        .makeApiClient(RbacAuthorizationV1Api)
        .createClusterRoleBinding({
          body: {
            metadata: { name: 'analyst-reads-meshifi' },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: role.metadata.name,
            },
            subjects: [
              { kind: 'ServiceAccount', name: 'analyst', namespace: 'default' },
            ],
          },
        });
      await apply(
        dataDomainManifest('sales', {
          owner: 'group:default/sales-team',
          gcpProject: 'acme-sales-data',
        }),
      );
      const custom = admin.makeApiClient(CustomObjectsApi);
      await readUntil(
        async () =>
          (await custom.getClusterCustomObject({
            ...apiResourceOf(KINDS.dataDomain),
            name: 'sales',
          })) as KubernetesObject,
        isReady,
      );
    }, 600_000);

    afterAll(async () => {
      await controlPlane?.stop();
    }, 120_000);

    it('shows a product whose resources are all Ready as ready, resource by resource', async () => {
      await apply(productIn('orders', 'sales'));
      await readUntil(() => product('orders', 'sales'), isReady);

      const text = await status(['orders']);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      const lines = text.stdout.split('\n');
      expect(lines.slice(0, 3)).toEqual([
        'orders in the domain sales: Ready',
        'Ready: write to orders_raw as dp-orders@acme-sales-data.iam.gserviceaccount.com; query in acme-sales-data',
        'All 9 resources are ready.',
      ]);
      expect(text.stdout).toContain(
        '  Ready          the raw dataset: BigQuery dataset orders_raw (raw layer) in EU, project acme-sales-data\n',
      );
      expect(
        lines.filter(l => /^ {2}(Ready|Failing|Being created) /.test(l)),
      ).toHaveLength(9);

      const json = await status([
        'orders',
        '--domain',
        'sales',
        '--format',
        'json',
      ]);
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout) as ProvisioningReport;
      expect(report).toMatchObject({
        state: 'ready',
        reason: 'All 9 resources are ready.',
        xr: { kind: 'DataProduct', namespace: 'sales', name: 'orders' },
        missing: [],
      });
      expect(report.resources.every(r => r.ready && !r.problem)).toBe(true);
    }, 300_000);

    it("tells a failing resource's reason in words, and Google's own message", async () => {
      await apply(productIn('returns', 'sales'));
      const custom = admin.makeApiClient(CustomObjectsApi);
      const dataset = await readUntil(
        async () =>
          (
            (await custom.listNamespacedCustomObject({
              ...apiResourceOf(KINDS.dataset),
              namespace: 'sales',
              labelSelector: 'crossplane.io/composite=returns',
            })) as { items: KubernetesObject[] }
          ).items.find(o => o.metadata.name === 'returns-raw'),
        found => found !== undefined,
      );
      await KubernetesObjectApi.makeApiClient(admin).patch(
        {
          apiVersion: dataset!.apiVersion,
          kind: dataset!.kind,
          metadata: {
            name: dataset!.metadata.name,
            namespace: 'sales',
            annotations: { [STAND_IN_FAIL]: 'permission-denied' },
          },
        },
        undefined,
        undefined,
        'meshifi-cli-test',
        undefined,
        PatchStrategy.MergePatch,
      );
      const json = await readUntil(
        async () =>
          JSON.parse(
            (
              await status(['returns', '--format', 'json'])
            ).stdout,
          ) as ProvisioningReport,
        report => report.resources.some(r => r.problem),
      );
      expect(json.state).toBe('degraded');
      const failing = json.resources.filter(r => r.problem);
      expect(failing.map(r => r.name)).toEqual(['returns-raw']);
      expect(failing[0].problem!.message).toContain(
        'User does not have bigquery.datasets.create permission in project acme-sales-data',
      );

      const text = await status(['returns']);
      expect(text.code).toBe(0);
      const [title, headline, toDo] = text.stdout.split('\n');
      expect(title).toBe('returns in the domain sales: Partly failing');
      expect(headline).toMatch(/^Blocked: .*the raw dataset/);
      expect(toDo).toMatch(/platform team/);
      expect(text.stdout).toMatch(
        /\n {2}Failing {8}the raw dataset: BigQuery dataset returns_raw \(raw layer\) in EU, project acme-sales-data\n {4}.*\n {4}.*\n {4}Details: .*bigquery\.datasets\.create permission/,
      );
    }, 300_000);

    it('says a product is not in the cluster, with exit code 1, and suggests meshifi validate', async () => {
      const { code, stdout, stderr } = await status(['nothing']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /^meshifi: The cluster at https:\/\/127\.0\.0\.1:\d+ has no data product nothing\. .*run meshifi validate there/,
      );

      const elsewhere = await status(['orders', '--domain', 'finance']);
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain(
        'has no data product orders in the domain finance.',
      );
    }, 60_000);

    it('says which permission is missing when the cluster refuses, with exit code 2', async () => {
      const { code, stdout, stderr } = await status(['orders'], stranger);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /^meshifi: You may not list dataproducts\.meshifi\.io on the cluster at https:\/\/127\.0\.0\.1:\d+ \(context stranger@local\) \(HTTP 403\)\. meshifi status needs get and list on DataProducts, DataDomains, the GCP managed resources and Events: ask your platform team to bind you the ClusterRole meshifi-cli-reader\.\n$/,
      );
    }, 60_000);

    it('says the cluster does not accept credentials it does not know, with exit code 2', async () => {
      const cluster = admin.getCurrentCluster()!;
      const forged = await writeKubeconfig(
        dir,
        'forged',
        { server: cluster.server, caData: cluster.caData },
        'not-a-token',
      );
      const { code, stderr } = await status(['orders'], forged);
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /^meshifi: The cluster at https:\/\/127\.0\.0\.1:\d+ \(context forged@local\) does not accept your credentials \(HTTP 401\)/,
      );
      expect(stderr).not.toContain('not-a-token');
    }, 60_000);
  });
});
