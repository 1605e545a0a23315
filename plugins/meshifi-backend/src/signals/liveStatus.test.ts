/*
 * Live status against a real control plane: a started backend watches a
 * kube-apiserver (with Crossplane composing the product) as the service
 * account the shipped RBAC binds, and the signals it publishes are recorded
 * by a SignalsService registered in the test backend, which is where the
 * signals backend would pick them up for the browsers.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import {
  compose,
  Condition,
  CROSSPLANE_LABELS,
  dataProductManifest,
  KubernetesObject,
} from '@meshifi/common';
import { manifestToEntities } from '@meshifi/plugin-catalog-backend-module-meshifi';
import {
  controlPlaneAvailable,
  eventually,
  TestControlPlane,
} from '@meshifi/test-utils';
import {
  apiResourceOfObject,
  clusterConfig,
  provideStatus,
  provisioningReportOf,
  startBackendControlPlane,
} from '../__testUtils__/backendOnControlPlane';
import { meshifiPlugin } from '../plugin';
import { SIGNAL_WINDOW_MS } from './ProvisioningSignals';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

const platform = { project: 'meshifi-platform', location: 'EU' };

const product = (name: string) => {
  const manifest = dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com', 'pat@example.com'] },
  });
  return {
    ...manifest,
    metadata: { ...manifest.metadata, namespace: 'default' },
  };
};

const entityOf = (name: string) => {
  const result = manifestToEntities(product(name), {
    defaultOwner: 'group:default/data-platform',
  });
  if (!result.ok) {
    throw new Error(result.message);
  }
  return result.entities[0];
};

/** Signals as the signals backend would receive them, with when. */
class SignalRecorder {
  readonly sent: Array<SignalPayload & { at: number }> = [];

  async publish(signal: SignalPayload) {
    this.sent.push({ ...signal, at: Date.now() });
  }

  on(channel: string, since = 0) {
    return this.sent.filter(s => s.channel === channel && s.at >= since);
  }

  /**
   * Waits until the channel has had no signal for `quietMs`, counted from
   * now at the earliest: a signal may still be gathering its window.
   */
  async quiet(channel: string, quietMs = 1_500) {
    const from = Date.now();
    await eventually(() => {
      const last = Math.max(from, ...this.on(channel).map(s => s.at));
      if (Date.now() - last < quietMs) {
        throw new Error(`${channel} had a signal ${Date.now() - last} ms ago`);
      }
    });
  }
}

describeIf('live status on a real control plane', () => {
  let controlPlane: TestControlPlane;
  let admin: KubeConfig;
  let token: string;

  /** Writes a managed resource's status as provider-gcp would. */
  const provide = (object: KubernetesObject, conditions: Condition[]) =>
    provideStatus(admin, object, conditions);

  async function startBackend(name: string, signals: SignalRecorder) {
    return startTestBackend({
      features: [
        meshifiPlugin,
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => signals,
        }),
        catalogServiceMock.factory({ entities: [entityOf(name)] }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            meshifi: { platform },
            kubernetes: clusterConfig(admin, { token }),
          },
        }),
      ],
    });
  }

  beforeAll(async () => {
    ({ controlPlane, admin, token } = await startBackendControlPlane());
  }, 300_000);

  afterAll(async () => {
    await controlPlane?.stop();
  }, 60_000);

  it("signals a change of a managed resource's status, and the report then shows it", async () => {
    const signals = new SignalRecorder();
    const channel = 'meshifi:provisioning:default/live';
    await KubernetesObjectApi.makeApiClient(admin).create(
      product('live') as any,
    );
    const backend = await startBackend('live', signals);
    const composing = await eventually(async () => {
      const report = await provisioningReportOf(backend, 'live');
      expect(report.resources).toHaveLength(10);
      return report;
    });
    expect(composing.state).toBe('provisioning');
    await signals.quiet(channel);

    const raw = composing.resources.find(r => r.name === 'live-raw')!;
    const changedAt = Date.now();
    const message = 'googleapi: Error 403: Access Denied (live status test)';
    await provide(
      {
        apiVersion: raw.apiVersion,
        kind: raw.kind,
        metadata: { name: raw.name, namespace: 'default' },
      },
      [
        { type: 'Synced', status: 'False', reason: 'ReconcileError', message },
        { type: 'Ready', status: 'False', reason: 'Creating' },
      ],
    );
    const [signal] = await eventually(
      () => {
        const sent = signals.on(channel, changedAt);
        expect(sent.length).toBeGreaterThan(0);
        return sent;
      },
      { timeoutMs: 10_000 },
    );
    expect(signal.recipients).toEqual({ type: 'broadcast' });
    // Nothing about the product travels to every browser.
    expect(Object.keys(signal.message).sort()).toEqual([
      'changed',
      'observedAt',
    ]);
    expect(signal.message.changed).toBe(true);
    expect(
      Date.parse(signal.message.observedAt as string),
    ).toBeGreaterThanOrEqual(changedAt - 1_000);
    const report = await provisioningReportOf(backend, 'live');
    expect(report.state).toBe('degraded');
    expect(report.reason).toContain(message);
    await backend.stop();
  }, 180_000);

  it("folds a burst of a product's resources changing into few signals", async () => {
    const signals = new SignalRecorder();
    const channel = 'meshifi:provisioning:default/burst';
    // Resources labelled for an XR that does not exist: Crossplane leaves
    // them alone, so every signal on the channel is this test's doing.
    const custom = admin.makeApiClient(CustomObjectsApi);
    const resources = compose(product('burst'), platform).map(c => ({
      ...c.resource,
      metadata: {
        ...c.resource.metadata,
        namespace: 'default',
        labels: {
          ...c.resource.metadata.labels,
          [CROSSPLANE_LABELS.composite]: 'burst',
        },
      },
    }));
    for (const resource of resources) {
      await custom.createNamespacedCustomObject({
        ...apiResourceOfObject(resource),
        namespace: 'default',
        body: resource,
      });
    }
    const backend = await startBackend('burst', signals);
    await eventually(async () =>
      expect(
        (
          await provisioningReportOf(backend, 'burst')
        ).clusters[0]?.connection,
      ).toBe('live'),
    );
    await signals.quiet(channel);

    const changedAt = Date.now();
    await Promise.all(
      resources.map(resource =>
        provide(resource, [
          { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
          { type: 'Ready', status: 'True', reason: 'Available' },
        ]),
      ),
    );
    await signals.quiet(channel);
    const burst = signals.on(channel, changedAt);
    expect(resources).toHaveLength(10);
    expect(burst.length).toBeGreaterThanOrEqual(1);
    expect(burst.length).toBeLessThan(resources.length);
    // At most one signal per window, however fast the changes come.
    for (let i = 1; i < burst.length; i++) {
      expect(burst[i].at - burst[i - 1].at).toBeGreaterThanOrEqual(
        SIGNAL_WINDOW_MS - 5,
      );
    }
    await backend.stop();
  }, 180_000);
});
