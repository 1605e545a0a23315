/*
 * A product with dbt and Fivetran on a real control plane: kube-apiserver
 * with the real CRDs (Crossplane's, the GCP provider's and provider-http's,
 * the last from ../shared/crds/provider-http-v1.0.14), real Crossplane
 * running the DataProduct Composition's core step, each capability's step
 * and function-auto-ready with this function as bundled from these sources,
 * and the stand-in provider, which writes the status provider-gcp and
 * provider-http write (Google Cloud and Fivetran cannot be reached).
 *
 * The CronJob is created but never runs: no kubelet runs here, and the
 * controller manager runs no CronJob or Job controller, so dbt's last run
 * stays "never". The ConfigMap, ServiceAccount and CronJob have no Ready
 * condition: the function marks them ready once Crossplane observes them.
 */
import { DataProduct, LABELS } from '@meshifi/common';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import { promises as fs } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  ClusterObject,
  conditionOf,
  ControlPlane,
  startControlPlane,
} from './__testUtils__/controlPlane';
import { COMPOSITIONS } from './compositions';
import { crossplaneDir } from './testing/paths';
import { SALES_CAPABILITY_SETTINGS } from './testing/platformCapabilities';
import {
  describeWithProviderHttpCrds,
  providerHttpNote,
} from './testing/sharedCrds';

jest.setTimeout(300_000);

const describeIf = controlPlaneAvailable()
  ? describeWithProviderHttpCrds
  : describe.skip;

/** Each read starts kubectl: poll at half the usual pace. */
const POLL = { intervalMs: 500, timeoutMs: 150_000 };

/** Every kind the capabilities compose, as kubectl names them. */
const CAPABILITY_KINDS = [
  'configmaps',
  'serviceaccounts',
  'cronjobs.batch',
  'serviceaccountiammembers.cloudplatform.gcp.m.upbound.io',
  'datasetiammembers.bigquery.gcp.m.upbound.io',
  'requests.http.m.crossplane.io',
].join(',');

const readExample = async <T>(file: string) =>
  parse(
    await fs.readFile(path.join(crossplaneDir, 'examples', file), 'utf8'),
  ) as T;

/**
 * The package's DataProduct Composition with the platform's Fivetran group
 * of the domain's project in the capability's step, as a platform that
 * installs its own Composition sets it.
 */
function platformComposition() {
  const composition = structuredClone(COMPOSITIONS.DataProduct);
  for (const step of composition.spec.pipeline) {
    const name = step.input?.capability;
    const own = name
      ? (SALES_CAPABILITY_SETTINGS as Record<string, object>)[name]
      : undefined;
    if (name && own) {
      const capabilities = step.input!.platform!.capabilities!;
      capabilities[name] = {
        ...(capabilities[name] as object),
        ...own,
      };
    }
  }
  return composition;
}

describeIf(
  `a product with dbt and Fivetran on a real control plane with Crossplane and the stand-in provider${providerHttpNote}`,
  () => {
    let cluster: ControlPlane;
    let product: DataProduct;

    const name = () => product.metadata.name;
    const xr = () => cluster.get('dataproduct', name(), 'sales');
    /** What the capabilities composed for the product, by kind. */
    const capabilityObjects = async () => {
      const out = await cluster.kubectl([
        'get',
        CAPABILITY_KINDS,
        '--namespace',
        'sales',
        '--selector',
        `${LABELS.dataProduct}=${name()},${LABELS.capability}`,
        '-o',
        'json',
      ]);
      return JSON.parse(out).items as ClusterObject[];
    };
    const kindsOf = (objects: ClusterObject[]) =>
      objects
        .map(o => `${o.kind} ${o.metadata.labels?.[LABELS.capability]}`)
        .sort();

    beforeAll(async () => {
      cluster = await startControlPlane({ standIn: true });
      await cluster.kubectl(
        ['apply', '-f', '-'],
        JSON.stringify(platformComposition()),
      );
      await cluster.create(await readExample('datadomain.yaml'));
      await eventually(async () => {
        const ready = conditionOf(
          await cluster.get('datadomain', 'sales'),
          'Ready',
        );
        if (ready?.status !== 'True') {
          throw new Error(`domain sales not Ready: ${JSON.stringify(ready)}`);
        }
      }, POLL);
      product = await readExample<DataProduct>('dataproduct-capabilities.yaml');
      await cluster.create(product);
    }, 15 * 60_000);

    afterAll(async () => {
      await cluster?.stop();
    });

    it("composes the capabilities' objects in the product's namespace", async () => {
      const connections = (
        product.spec.capabilities!.fivetran as { connections: unknown[] }
      ).connections;
      const objects = await eventually(async () => {
        const found = await capabilityObjects();
        expect(kindsOf(found)).toEqual(
          [
            'ConfigMap dbt',
            'CronJob dbt',
            'ServiceAccount dbt',
            'ServiceAccountIAMMember dbt',
            'DatasetIAMMember fivetran',
            ...connections.map(() => 'Request fivetran'),
          ].sort(),
        );
        return found;
      }, POLL);
      const owner = await xr();
      for (const object of objects) {
        expect(object.metadata.namespace).toBe('sales');
        expect(object.metadata.ownerReferences).toContainEqual(
          expect.objectContaining({
            kind: 'DataProduct',
            uid: owner!.metadata.uid,
          }),
        );
      }
    });

    it('becomes Synced and Ready, its Requests Ready as provider-http would report them', async () => {
      await eventually(async () => {
        const found = await xr();
        expect(conditionOf(found, 'Synced')).toMatchObject({
          status: 'True',
        });
        expect(conditionOf(found, 'Ready')).toMatchObject({
          status: 'True',
        });
      }, POLL);
      const requests = (await capabilityObjects()).filter(
        o => o.kind === 'Request',
      );
      for (const request of requests) {
        expect(conditionOf(request, 'Ready')?.status).toBe('True');
      }
    });

    it('reports each capability under status.capabilities', async () => {
      const { connections } = product.spec.capabilities!.fivetran as {
        connections: Array<{ name: string }>;
      };
      const status = await eventually(async () => {
        const found = (await xr()) as ClusterObject & { status: any };
        expect(
          found.status.capabilities.fivetran.connections.map(
            (c: { name: string; state: string }) => [c.name, c.state],
          ),
        ).toEqual(connections.map(c => [c.name, 'created']));
        return found.status.capabilities;
      }, POLL);
      for (const connection of status.fivetran.connections) {
        expect(connection.connectionId).toEqual(expect.any(String));
      }
      // Its CronJob exists but never runs here (no kubelet, no CronJob
      // controller).
      expect(status.dbt).toMatchObject({
        schedule: (product.spec.capabilities!.dbt as { schedule: string })
          .schedule,
        lastRun: 'never',
      });
    });

    it('deletes what a capability composed once the product turns it off', async () => {
      await cluster.kubectl([
        'patch',
        'dataproduct',
        name(),
        '--namespace',
        'sales',
        '--type',
        'json',
        '-p',
        JSON.stringify([{ op: 'remove', path: '/spec/capabilities/fivetran' }]),
      ]);
      await eventually(async () => {
        expect(kindsOf(await capabilityObjects())).toEqual([
          'ConfigMap dbt',
          'CronJob dbt',
          'ServiceAccount dbt',
          'ServiceAccountIAMMember dbt',
        ]);
        const found = (await xr()) as ClusterObject & { status: any };
        expect(found.status.capabilities?.fivetran).toBeUndefined();
      }, POLL);
    });
  },
);
