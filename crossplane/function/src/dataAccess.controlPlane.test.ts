/*
 * A DataAccess on a real control plane: kube-apiserver, real Crossplane
 * calling this function (bundled from these sources), meshifi's XRDs and
 * Compositions, and the stand-in GCP provider, which marks managed resources
 * Ready as the real one does once they exist, on the control plane's own
 * GCP CRDs (derived from provider v1.14 with an IAM condition as one object,
 * as v2 has it: derivedGcpCrds.test.ts checks them against v2.6.0's).
 */
import {
  dataAccessManifest,
  dataDomainManifest,
  dataProductManifest,
  utcDay,
} from '@meshifi/common';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import {
  ClusterObject,
  conditionOf,
  ControlPlane,
  startControlPlane,
} from './__testUtils__/controlPlane';

jest.setTimeout(180_000);

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

/** Each read starts kubectl: poll at half the usual pace. */
const POLL = { intervalMs: 500, timeoutMs: 90_000 };

const MEMBERS = 'datasetiammembers.bigquery.gcp.m.upbound.io';

const inDays = (days: number) =>
  utcDay(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

const grant = (name: string, layer: 'curated' | 'raw', expires: string) =>
  dataAccessManifest(name, 'sales', {
    product: 'customer-orders',
    consumer: { type: 'group', email: 'marketing@example.com' },
    layer,
    purpose: 'Weekly campaign reporting on customer orders.',
    expires,
  });

describeIf(
  'a DataAccess on a real control plane with Crossplane and the stand-in provider',
  () => {
    let cluster: ControlPlane;

    const grantMembers = (name: string) =>
      cluster.list(MEMBERS, `meshifi.io/data-access=${name}`);

    /** Waits until an object is Ready, saying what it is otherwise. */
    const untilReady = (resource: string, name: string, namespace?: string) =>
      eventually(async () => {
        const ready = conditionOf(
          await cluster.get(resource, name, namespace),
          'Ready',
        );
        if (ready?.status !== 'True') {
          throw new Error(
            `${resource} ${name} not Ready: ${JSON.stringify(ready)}`,
          );
        }
      }, POLL);

    beforeAll(async () => {
      cluster = await startControlPlane({ standIn: true });
      await cluster.create(
        dataDomainManifest('sales', {
          owner: 'group:default/sales',
          gcpProject: 'acme-sales-data',
        }),
      );
      await untilReady('datadomain', 'sales');
      await cluster.create(
        dataProductManifest({
          info: { name: 'customer-orders', version: '0.1.0' },
          access: { owners: ['ana@example.com'] },
          domain: 'sales',
        }),
      );
      await untilReady('dataproduct', 'customer-orders', 'sales');
    }, 15 * 60_000);

    afterAll(async () => {
      await cluster?.stop();
    }, 120_000);

    it("composes the grant's expiring DatasetIAMMember, becomes Ready, and deleting the grant revokes it", async () => {
      const expires = inDays(30);
      await cluster.create(grant('marketing-orders', 'curated', expires));
      const [member] = await eventually(async () => {
        const items = await grantMembers('marketing-orders');
        expect(items).toHaveLength(1);
        return items;
      }, POLL);
      expect(member.metadata).toMatchObject({
        name: 'marketing-orders-curated-reader',
        namespace: 'sales',
      });
      expect(member.spec.forProvider).toMatchObject({
        project: 'acme-sales-data',
        datasetId: 'customer_orders_curated',
        role: 'roles/bigquery.dataViewer',
        member: 'group:marketing@example.com',
        condition: {
          title: `meshifi access expiry ${expires}`,
          expression: expect.stringMatching(
            /^request\.time < timestamp\("\d{4}-\d{2}-\d{2}T00:00:00Z"\)$/,
          ),
        },
      });
      const ready: ClusterObject = await eventually(async () => {
        const xr = await cluster.get('dataaccess', 'marketing-orders', 'sales');
        expect(conditionOf(xr, 'Ready')?.status).toBe('True');
        return xr!;
      }, POLL);
      expect((ready as any).status).toMatchObject({
        datasetId: 'customer_orders_curated',
        member: 'group:marketing@example.com',
      });

      await cluster.kubectl([
        'delete',
        'dataaccess',
        'marketing-orders',
        '--namespace',
        'sales',
        '--wait=true',
        '--timeout=60s',
      ]);
      await eventually(async () => {
        expect(await grantMembers('marketing-orders')).toEqual([]);
      }, POLL);
    });

    it('refuses a grant of the raw layer on the grant, composing nothing', async () => {
      await cluster.create(grant('marketing-raw', 'raw', inDays(30)));
      await eventually(async () => {
        const xr = await cluster.get('dataaccess', 'marketing-raw', 'sales');
        expect(conditionOf(xr, 'Synced')).toMatchObject({
          status: 'False',
          message: expect.stringContaining(
            'The raw layer of a data product is not shared on this platform',
          ),
        });
      }, POLL);
      expect(await grantMembers('marketing-raw')).toEqual([]);
    });
  },
);
