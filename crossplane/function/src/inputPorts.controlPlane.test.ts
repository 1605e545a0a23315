/*
 * Input ports on a real control plane: kube-apiserver, real Crossplane
 * fetching the products read (required resources by label, across
 * namespaces) for this function as bundled from these sources, meshifi's
 * XRDs and Compositions, and the stand-in GCP provider (see
 * outputPorts.controlPlane.test.ts for why a stand-in).
 *
 * As Flux may apply them: the reader first, refused while what it reads is
 * missing, then the product it reads, after which the reader is composed
 * without anyone touching it, because Crossplane retries a refused XR.
 */
import {
  dataDomainManifest,
  dataProductManifest,
  DataProduct,
  OutputPort,
} from '@meshifi/common';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import {
  conditionOf,
  ControlPlane,
  startControlPlane,
} from './__testUtils__/controlPlane';

jest.setTimeout(300_000);

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

/** Each read starts kubectl: poll at half the usual pace. */
const POLL = { intervalMs: 500, timeoutMs: 150_000 };

const orders: OutputPort = {
  name: 'orders',
  contract: {
    columns: [{ name: 'order_id', type: 'STRING', mode: 'REQUIRED' }],
  },
};

/** customer-orders, in the domain sales, offering orders. */
const source: DataProduct = dataProductManifest({
  info: { name: 'customer-orders', version: '1.0.0' },
  access: { owners: ['ana@example.com'] },
  domain: 'sales',
  outputPorts: [orders],
});

/** revenue-daily, of no domain (namespace default), reading customer-orders' orders. */
const reader = dataProductManifest({
  info: { name: 'revenue-daily', version: '1.0.0' },
  access: { owners: ['fiona@example.com'] },
  inputPorts: [{ product: 'customer-orders', port: 'orders' }],
});

describeIf(
  'input ports on a real control plane with Crossplane and the stand-in provider',
  () => {
    let cluster: ControlPlane;

    const readerXr = () =>
      cluster.get('dataproduct', 'revenue-daily', 'default');

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

    it('refuses a reader while the product it reads is missing, composing nothing', async () => {
      await cluster.create(reader);
      const refused = await eventually(async () => {
        const current = await readerXr();
        expect(conditionOf(current, 'Synced')).toMatchObject({
          status: 'False',
          message: expect.stringContaining(
            'There is no data product "customer-orders"',
          ),
        });
        return current!;
      }, POLL);
      const message = conditionOf(refused, 'Synced')!.message;
      expect(message).toContain('The table "orders" of "customer-orders"');
      expect(message).toContain('"revenue-daily"');
      expect(
        await cluster.list(
          'datasets.bigquery.gcp.m.upbound.io',
          'crossplane.io/composite=revenue-daily',
        ),
      ).toEqual([]);
    });

    it('composes the reader on its own once the product it reads exists, in another namespace', async () => {
      await cluster.create(source);
      await eventually(async () => {
        const current = await readerXr();
        expect(conditionOf(current, 'Synced')?.status).toBe('True');
        expect(conditionOf(current, 'Ready')?.status).toBe('True');
      }, POLL);
    });

    it('refuses a product that would read its own reader back, naming the loop', async () => {
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
            inputPorts: [{ product: 'revenue-daily', port: 'revenue' }],
          },
        }),
      ]);
      await eventually(async () => {
        const current = await cluster.get(
          'dataproduct',
          'customer-orders',
          'sales',
        );
        expect(conditionOf(current, 'Synced')).toMatchObject({
          status: 'False',
          message: expect.stringContaining('makes a loop'),
        });
      }, POLL);
    });
  },
);
