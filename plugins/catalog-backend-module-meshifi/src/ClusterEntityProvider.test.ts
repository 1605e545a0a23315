/*
 * Discovery from a real cluster: kube-apiserver with Crossplane's XRDs (real
 * Crossplane core, so the DataProduct and DataDomain APIs exist), a real git
 * repository for what is in Git, and Backstage's in-memory catalog service
 * for what other locations already have.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import {
  dataDomainManifest,
  dataProductManifest,
  gitopsPath,
  KubernetesObject,
  MESHIFI_ANNOTATIONS,
  outputPortEntityName,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import {
  controlPlaneAvailable,
  createBareRepository,
  startTestControlPlane,
  TestControlPlane,
} from '@meshifi/test-utils';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  CLUSTER_ONLY_TAG,
  ClusterEntityProvider,
} from './ClusterEntityProvider';
import { ordersByCustomer } from './__testUtils__/productsWithPorts';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

const product = (name: string) => ({
  ...dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
  }),
  metadata: { name, namespace: 'default' },
});

describeIf('ClusterEntityProvider on a real cluster', () => {
  let controlPlane: TestControlPlane;
  let admin: KubeConfig;
  let work: string;
  let repository: GitOpsRepository;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane({ crossplane: true });
    admin = new KubeConfig();
    admin.loadFromFile(controlPlane.kubeconfigPath);
    work = mkdtempSync(join(tmpdir(), 'meshifi-discovery-'));
    const remote = await createBareRepository(work, 'gitops.git');
    repository = new GitOpsRepository({
      remote,
      branch: 'main',
      mirrorDir: join(work, 'mirror'),
      author: { name: 'test', email: 'test@example.com' },
    });
    await repository.publishFile({
      path: gitopsPath(product('in-git')),
      content: stringify(product('in-git')),
      message: 'Add in-git',
      ifExists: () => undefined,
    });
    const api = KubernetesObjectApi.makeApiClient(admin);
    const objects: KubernetesObject[] = [
      product('in-git'),
      product('cluster-only'),
      product('from-file'),
      dataDomainManifest('finance', {
        owner: 'group:default/finance',
        gcpProject: 'acme-finance',
      }),
    ];
    for (const object of objects) {
      await api.create(object as any);
    }
  }, 300_000);

  afterAll(async () => {
    await controlPlane?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  const connect = async (provider: ClusterEntityProvider) => {
    const applyMutation = jest.fn();
    await provider.connect({
      applyMutation,
      refresh: jest.fn(),
    } as unknown as EntityProviderConnection);
    return applyMutation;
  };

  const emittedEntities = (applyMutation: jest.Mock): Entity[] =>
    applyMutation.mock.calls
      .at(-1)[0]
      .entities.map((e: { entity: Entity }) => e.entity);

  it('brings in what a cluster has and Git does not, marked as such', async () => {
    const fromFile: Entity = {
      apiVersion: 'catalog.meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: {
        name: 'from-file',
        namespace: 'default',
        annotations: { [ANNOTATION_LOCATION]: 'file:/examples/products.yaml' },
      },
      spec: {},
    };
    const provider = new ClusterEntityProvider({
      clusters: [{ name: 'local', kubeConfig: admin }],
      repository,
      catalog: catalogServiceMock({ entities: [fromFile] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      defaultOwner: 'group:default/data-platform',
    });
    const applyMutation = await connect(provider);

    const outcome = await provider.refresh();

    expect(outcome).toEqual({ found: 3, emitted: 2 });
    const entities = emittedEntities(applyMutation);
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`).sort()).toEqual(
      [
        'DataProduct:cluster-only',
        'Domain:finance',
        'Resource:cluster_only_cleaned',
        'Resource:cluster_only_curated',
        'Resource:cluster_only_raw',
        'Resource:dp-cluster-only',
      ].sort(),
    );
    for (const entity of entities) {
      expect(entity.metadata.tags).toContain(CLUSTER_ONLY_TAG);
      expect(entity.metadata.annotations).toMatchObject({
        [MESHIFI_ANNOTATIONS.source]: 'cluster:local',
        [ANNOTATION_LOCATION]: expect.stringMatching(
          /^meshifi-cluster:local\//,
        ),
      });
    }
  }, 60_000);

  it('keeps going, and emits nothing new, when a cluster cannot be read', async () => {
    const unreachable = new KubeConfig();
    unreachable.loadFromOptions({
      clusters: [{ name: 'down', server: 'https://127.0.0.1:1' }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'down', cluster: 'down', user: 'nobody' }],
      currentContext: 'down',
    });
    const logger = mockServices.logger.mock();
    const provider = new ClusterEntityProvider({
      clusters: [{ name: 'down', kubeConfig: unreachable }],
      repository,
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      logger,
    });
    const applyMutation = await connect(provider);

    await expect(provider.refresh()).resolves.toEqual({
      found: 0,
      emitted: 0,
    });
    expect(emittedEntities(applyMutation)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /cannot list the data products of the cluster down/,
      ),
    );
  }, 60_000);

  it('brings in the output ports of a product the cluster has, as the XRD keeps them', async () => {
    const ported = {
      ...product('ported'),
      spec: { ...product('ported').spec, outputPorts: [ordersByCustomer] },
    };
    await KubernetesObjectApi.makeApiClient(admin).create(ported as any);
    const provider = new ClusterEntityProvider({
      clusters: [{ name: 'local', kubeConfig: admin }],
      repository,
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      defaultOwner: 'group:default/data-platform',
    });
    const applyMutation = await connect(provider);

    await provider.refresh();

    const entities = emittedEntities(applyMutation);
    const api = entities.find(
      e =>
        e.kind === 'API' &&
        e.metadata.name ===
          outputPortEntityName('ported', ordersByCustomer.name),
    );
    expect(api?.spec).toMatchObject({
      type: 'data-contract',
      owner: 'group:default/data-platform',
    });
    expect(api?.metadata.tags).toEqual(
      expect.arrayContaining([CLUSTER_ONLY_TAG, 'personal-data']),
    );
    const productSpec = entities.find(
      e => e.kind === 'DataProduct' && e.metadata.name === 'ported',
    )?.spec;
    expect(productSpec?.outputPorts).toEqual([ordersByCustomer]);
  }, 60_000);

  it('brings in the capabilities of a product the cluster has, as the XRD keeps them', async () => {
    const dbt = {
      repository: 'https://github.com/acme/sales-dbt.git',
      schedule: '0 6 * * 1-5',
    };
    const capable = {
      ...product('capable'),
      spec: { ...product('capable').spec, capabilities: { dbt } },
    };
    await KubernetesObjectApi.makeApiClient(admin).create(capable as any);
    const provider = new ClusterEntityProvider({
      clusters: [{ name: 'local', kubeConfig: admin }],
      repository,
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      defaultOwner: 'group:default/data-platform',
    });
    const applyMutation = await connect(provider);

    await provider.refresh();

    const productSpec = emittedEntities(applyMutation).find(
      e => e.kind === 'DataProduct' && e.metadata.name === 'capable',
    )?.spec;
    // With what the XRD's defaults add.
    expect(productSpec?.capabilities).toEqual({
      dbt: expect.objectContaining(dbt),
    });
  }, 60_000);
});
