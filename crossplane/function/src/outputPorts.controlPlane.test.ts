/*
 * Output ports on a real control plane: kube-apiserver, real Crossplane
 * calling this function (bundled from these sources), meshifi's XRDs and
 * Compositions, and the stand-in GCP provider. The stand-in is the one part
 * that is not real, since Google Cloud cannot be reached: it writes the
 * status the provider writes once a managed resource exists, Tables
 * included, on the control plane's own GCP CRDs (derived from provider v1.14
 * as v2 has them: derivedGcpCrds.test.ts checks them against v2.6.0's).
 */
import {
  dataDomainManifest,
  dataProductManifest,
  DataProduct,
  OutputPort,
  resourceNames,
} from '@meshifi/common';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import {
  conditionOf,
  ControlPlane,
  startControlPlane,
} from './__testUtils__/controlPlane';

jest.setTimeout(240_000);

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

/** Each read starts kubectl: poll at half the usual pace. */
const POLL = { intervalMs: 500, timeoutMs: 150_000 };

const TABLES = 'tables.bigquery.gcp.m.upbound.io';

const orders: OutputPort = {
  name: 'orders',
  description: 'One row per order placed in the web shop.',
  contract: {
    columns: [
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'customer_email', type: 'STRING', personalData: true },
      { name: 'amount', type: 'NUMERIC', mode: 'REQUIRED' },
    ],
    primaryKey: ['order_id'],
  },
};

const product = (version: string, ports: OutputPort[]): DataProduct =>
  dataProductManifest({
    info: { name: 'customer-orders', version },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    outputPorts: ports,
  });

describeIf(
  'output ports on a real control plane with Crossplane and the stand-in provider',
  () => {
    let cluster: ControlPlane;

    const xr = () => cluster.get('dataproduct', 'customer-orders', 'sales');

    beforeAll(async () => {
      cluster = await startControlPlane({ standIn: true });
      await cluster.create(
        dataDomainManifest('sales', {
          owner: 'group:default/sales',
          gcpProject: 'acme-sales-data',
        }),
      );
      await eventually(async () => {
        const ready = conditionOf(
          await cluster.get('datadomain', 'sales'),
          'Ready',
        );
        if (ready?.status !== 'True') {
          throw new Error(`domain sales not Ready: ${JSON.stringify(ready)}`);
        }
      }, POLL);
    }, 15 * 60_000);

    afterAll(async () => {
      await cluster?.stop();
    }, 120_000);

    it("composes the port's Table once the curated dataset exists; it and the product become Ready", async () => {
      await cluster.create(product('1.0.0', [orders]));
      const ready = await eventually(async () => {
        const current = await xr();
        expect(conditionOf(current, 'Ready')?.status).toBe('True');
        return current!;
      }, POLL);
      expect((ready as any).status).toMatchObject({
        acceptedVersion: '1.0.0',
        acceptedPorts: [orders],
      });

      const table = await cluster.get(
        TABLES,
        resourceNames.table('customer-orders', 'orders'),
        'sales',
      );
      expect(conditionOf(table, 'Ready')?.status).toBe('True');
      expect(table!.metadata.labels).toMatchObject({
        'crossplane.io/composite': 'customer-orders',
        'meshifi.io/role': 'table',
      });
      expect(table!.spec.managementPolicies).not.toContain('Delete');
      expect(table!.spec.forProvider).toMatchObject({
        project: 'acme-sales-data',
        datasetId: 'customer_orders_curated',
        deletionProtection: true,
        tableConstraints: { primaryKey: { columns: ['order_id'] } },
      });
      expect(
        JSON.parse(table!.spec.forProvider.schema).map(
          (f: { name: string }) => f.name,
        ),
      ).toEqual(['order_id', 'customer_email', 'amount']);
      expect((table as any).status.atProvider.id).toBe(
        'projects/acme-sales-data/datasets/customer_orders_curated/tables/orders',
      );
    });

    it('refuses a breaking change without a new major version on the product, leaving the table as it was', async () => {
      const before = await cluster.get(
        TABLES,
        resourceNames.table('customer-orders', 'orders'),
        'sales',
      );
      const withoutAmount = {
        ...orders,
        contract: {
          ...orders.contract,
          columns: orders.contract.columns.filter(c => c.name !== 'amount'),
        },
      };
      await cluster.kubectl([
        'patch',
        'dataproduct',
        'customer-orders',
        '--namespace',
        'sales',
        '--type=merge',
        '-p',
        JSON.stringify({
          spec: {
            info: { name: 'customer-orders', version: '1.1.0' },
            outputPorts: [withoutAmount],
          },
        }),
      ]);
      const refused = await eventually(async () => {
        const current = await xr();
        expect(conditionOf(current, 'Synced')).toMatchObject({
          status: 'False',
          message: expect.stringContaining('raise the version to 2.0.0'),
        });
        return current!;
      }, POLL);
      expect(conditionOf(refused, 'Synced')?.message).toContain('"amount"');
      expect((refused as any).status.acceptedVersion).toBe('1.0.0');
      const after = await cluster.get(
        TABLES,
        resourceNames.table('customer-orders', 'orders'),
        'sales',
      );
      expect(after!.spec.forProvider.schema).toBe(
        before!.spec.forProvider.schema,
      );

      // With a new major version the same change is made, and recorded.
      await cluster.kubectl([
        'patch',
        'dataproduct',
        'customer-orders',
        '--namespace',
        'sales',
        '--type=merge',
        '-p',
        JSON.stringify({
          spec: { info: { name: 'customer-orders', version: '2.0.0' } },
        }),
      ]);
      await eventually(async () => {
        const current = await xr();
        expect(conditionOf(current, 'Synced')?.status).toBe('True');
        expect((current as any).status.acceptedVersion).toBe('2.0.0');
        const table = await cluster.get(
          TABLES,
          resourceNames.table('customer-orders', 'orders'),
          'sales',
        );
        expect(
          JSON.parse(table!.spec.forProvider.schema).map(
            (f: { name: string }) => f.name,
          ),
        ).toEqual(['order_id', 'customer_email']);
      }, POLL);
    });
  },
);
