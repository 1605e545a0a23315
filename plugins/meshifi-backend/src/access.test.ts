/*
 * A grant from request to active on a real control plane: kube-apiserver +
 * etcd with the GCP provider CRDs and real Crossplane composing the product
 * and the grant through meshifi's function. The backend reads the cluster as
 * the service account its shipped RBAC binds, and writes the approved grant
 * to a real GitOps repository.
 *
 * Stand-ins: no Flux runs here, so the test applies the committed grant file
 * as the sync would (fluxOnControlPlane.test.ts runs the real Flux on such
 * files); no GCP provider runs, so the test writes the status the stand-in
 * provider computes (desiredState) when the test says.
 */
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import {
  AccessGrantView,
  compose,
  Condition,
  dataAccessManifest,
  dataProductManifest,
  GCP_KINDS,
  KubernetesObject,
  ProductAccessReport,
} from '@meshifi/common';
import { desiredState, ManagedResource } from '@meshifi/gcp-provider-stand-in';
import { manifestToEntities } from '@meshifi/plugin-catalog-backend-module-meshifi';
import {
  controlPlaneAvailable,
  createBareRepository,
  eventually,
  TestControlPlane,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  clusterConfig,
  composedFor,
  provideStatus,
  startBackendControlPlane,
} from './__testUtils__/backendOnControlPlane';
import { meshifiPlugin } from './plugin';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

const platform = { project: 'meshifi-platform', location: 'EU' };
const DAY_MS = 24 * 60 * 60 * 1000;
const day = (offset: number) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

const product = dataProductManifest({
  info: { name: 'shipments', version: '0.1.0', title: 'Shipments' },
  access: { owners: ['ana@example.com'] },
});

const fiona = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'fiona', namespace: 'default' },
  spec: { profile: { email: 'fiona@example.com' }, memberOf: [] },
};

describeIf('access to a product on a real control plane', () => {
  const dir = createMockDirectory();
  let controlPlane: TestControlPlane;
  let admin: KubeConfig;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let remote: string;

  const composedBy = (name: string) => composedFor(admin, name);

  /** Reports every resource an XR composed as the GCP provider would. */
  async function provideAll(name: string) {
    for (const object of await composedBy(name)) {
      const { status } = desiredState(
        object,
        object as ManagedResource,
        new Date(),
      );
      await provideStatus(
        admin,
        object,
        status.conditions as Condition[],
        status.atProvider,
      );
    }
  }

  const card = async (): Promise<ProductAccessReport> => {
    const res = await request(backend.server)
      .get('/api/meshifi/products/default/shipments/access')
      .set('Authorization', mockCredentials.user.header('user:default/ana'));
    expect(res.status).toBe(200);
    return res.body;
  };
  const rowOnce = (
    grantName: string,
    expectation: (row: AccessGrantView | undefined) => void,
  ) =>
    eventually(async () => {
      const row = (await card()).grants.find(g => g.grantName === grantName);
      expectation(row);
      return row!;
    });

  const apply = (object: KubernetesObject) =>
    KubernetesObjectApi.makeApiClient(admin).create(object as any);

  beforeAll(async () => {
    let token: string;
    ({ controlPlane, admin, token } = await startBackendControlPlane());
    dir.setContent({ server: {} });
    remote = await createBareRepository(
      path.join(dir.path, 'server'),
      'gitops.git',
    );
    const [entity] = (() => {
      const result = manifestToEntities(
        { ...product, metadata: { ...product.metadata, namespace: 'default' } },
        { defaultOwner: 'group:default/data-platform' },
      );
      if (!result.ok) throw new Error(result.message);
      return result.entities;
    })();
    backend = await startTestBackend({
      features: [
        meshifiPlugin,
        catalogServiceMock.factory({ entities: [entity, fiona] }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: path.join(dir.path, 'work') },
            meshifi: { platform, gitops: { url: remote } },
            kubernetes: clusterConfig(admin, { token }),
          },
        }),
      ],
    });
    await apply({
      ...product,
      metadata: { ...product.metadata, namespace: 'default' },
    });
    // The grant is refused until the product has its datasets.
    const expected = compose(product, platform).length;
    await eventually(async () => {
      const composed = (await composedBy('shipments')).length;
      if (composed !== expected) {
        throw new Error(
          `shipments composed ${composed} of ${expected} resources`,
        );
      }
    });
    await provideAll('shipments');
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    await controlPlane?.stop();
  }, 60_000);

  it('turns an approved request into a grant that Crossplane composes and the card shows active', async () => {
    const asked = await request(backend.server)
      .post('/api/meshifi/access-requests')
      .set('Authorization', mockCredentials.user.header('user:default/fiona'))
      .send({
        product: 'dataproduct:default/shipments',
        consumer: 'user:default/fiona',
        purpose: 'Plan the routes of next month from past shipments',
        expires: day(60),
      });
    expect(asked.status).toBe(201);
    const { grantName } = asked.body;
    await rowOnce(grantName, row =>
      expect(row?.state).toBe('awaiting-approval'),
    );

    const approved = await request(backend.server)
      .post(`/api/meshifi/access-requests/${asked.body.id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/ana'));
    expect(approved.status).toBe(200);
    await rowOnce(grantName, row => expect(row?.state).toBe('being-granted'));

    // The sync applies the file the approval committed.
    const file = `access/${grantName}.yaml`;
    const grant = parse(
      execFileSync('git', ['show', `main:${file}`], {
        cwd: remote,
        encoding: 'utf8',
      }),
    );
    await apply({
      ...grant,
      metadata: { ...grant.metadata, namespace: 'default' },
    });
    const [member] = await eventually(async () => {
      const found = await composedBy(grantName);
      expect(found.map(o => o.kind)).toEqual([GCP_KINDS.datasetIamMember.kind]);
      return found;
    });
    expect((member.spec as any).forProvider).toMatchObject({
      datasetId: 'shipments_curated',
      role: 'roles/bigquery.dataViewer',
      member: 'user:fiona@example.com',
      condition: {
        expression: expect.stringContaining('request.time < timestamp('),
      },
    });
    await provideAll(grantName);
    const active = await rowOnce(grantName, row =>
      expect(row?.state).toBe('active'),
    );
    expect(active.stateText).toMatch(/^Active until /);
    expect(active.requestedBy).toBe('user:default/fiona');
    expect(active.decidedBy).toBe('user:default/ana');
  }, 240_000);

  it("says what the provider's failure is, and that a grant whose last day has passed has ended", async () => {
    const refused = dataAccessManifest('shipments-raw-ops', 'default', {
      product: 'shipments',
      consumer: { type: 'group', email: 'ops@example.com' },
      layer: 'raw',
      purpose: 'Debug the loads of last night',
      expires: day(10),
    });
    await apply(refused);
    const failed = await rowOnce('shipments-raw-ops', row =>
      expect(row?.state).toBe('failed'),
    );
    expect(failed.failure).toMatch(/raw layer of a data product is not shared/);

    const ended = dataAccessManifest('shipments-ended-ops', 'default', {
      product: 'shipments',
      consumer: { type: 'group', email: 'ops@example.com' },
      purpose: 'The audit of last quarter',
      expires: day(-1),
    });
    await apply(ended);
    await rowOnce('shipments-ended-ops', row =>
      expect(row?.state).toBe('ended'),
    );
    expect(await composedBy('shipments-ended-ops')).toEqual([]);
  }, 120_000);
});
