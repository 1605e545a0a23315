import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { desiredState, DesiredState, isUpToDate } from './desiredState';
import { HTTP_REQUEST_KIND } from './httpRequest';
import { Logger } from '@meshifi/daemon';
import {
  apiResourceOf,
  apiVersionOf,
  CROSSPLANE_ANNOTATIONS,
} from '@meshifi/common';
import { KubernetesWatch, toKubernetesError } from '@meshifi/node/kubernetes';
import {
  describeResource,
  MANAGED_KINDS,
  ManagedKind,
  ManagedResource,
} from './managedKinds';

/** The GCP provider's kinds meshifi composes, and provider-http's Request. */
const WATCHED_KINDS: readonly ManagedKind[] = [
  ...MANAGED_KINDS,
  HTTP_REQUEST_KIND,
];

/** The field manager of what the stand-in writes. */
export const FIELD_MANAGER = 'meshifi-gcp-provider-stand-in';

/** An object the stand-in writes to. */
interface Target {
  kind: ManagedKind;
  name: string;
  namespace: string;
}

/** Which object a write is to, and who writes it. */
const writeTo = ({ kind, name, namespace }: Target) => ({
  ...apiResourceOf(kind),
  namespace,
  name,
  fieldManager: FIELD_MANAGER,
});

export interface StandInProviderOptions {
  kubeConfig: KubeConfig;
  logger: Logger;
  /**
   * How long a create or an update takes: the wait between seeing that a
   * resource needs work and reporting the result. Default 2 s.
   */
  delayMs?: number;
}

/**
 * A STAND-IN for the Crossplane GCP provider (provider-gcp, upjet-based),
 * and for provider-http's Requests to Fivetran, for local clusters and tests
 * where Google Cloud and Fivetran cannot be reached. It creates nothing
 * anywhere: for each of meshifi's six managed-resource kinds it watches, it
 * waits as long as a create takes and then writes the status the real
 * provider writes once the resource exists — the conditions Synced, Ready
 * and LastAsyncOperation, and status.atProvider with the fields Google
 * reports for that kind — and sets the external-name annotation where the
 * real provider would; for a Request, what provider-http writes once
 * Fivetran answered (httpRequest.ts). The annotation
 * `stand-in.meshifi.io/fail` makes it report a failed create instead.
 *
 * It writes only the status subresource and that annotation, never the
 * spec, and keeps watching across API server restarts.
 */
export class StandInProvider {
  private readonly api: CustomObjectsApi;
  private readonly watches: Map<ManagedKind, KubernetesWatch<ManagedResource>>;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly delayMs: number;
  private stopped = false;

  constructor(private readonly options: StandInProviderOptions) {
    this.api = options.kubeConfig.makeApiClient(CustomObjectsApi);
    this.delayMs = options.delayMs ?? 2000;
    this.watches = new Map(
      WATCHED_KINDS.map(kind => [
        kind,
        new KubernetesWatch<ManagedResource>({
          kubeConfig: options.kubeConfig,
          kind,
          logger: options.logger,
          // provider-http's CRDs come with the Fivetran capability: a
          // cluster without them is not an outage.
          optional: kind === HTTP_REQUEST_KIND,
          onChange: (change, resource) =>
            change === 'upsert'
              ? this.changed(kind, resource)
              : this.forget(kind, resource),
        }),
      ]),
    );
  }

  async start(): Promise<void> {
    this.stopped = false;
    await Promise.all([...this.watches.values()].map(w => w.start()));
    this.options.logger.info(
      `standing in for provider-gcp and provider-http: watching ${WATCHED_KINDS.map(
        k => k.kind,
      ).join(', ')}; a create takes ${this.delayMs} ms`,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
    await Promise.all([...this.watches.values()].map(w => w.stop()));
  }

  private changed(kind: ManagedKind, resource: ManagedResource) {
    try {
      if (!isUpToDate(resource, desiredState(kind, resource, new Date()))) {
        this.schedule(kind, resource);
      }
    } catch (error) {
      this.options.logger.error(
        `cannot work out the status of ${describeResource(kind, resource)}: ${
          toKubernetesError(error).message
        }`,
      );
    }
  }

  private forget(kind: ManagedKind, resource: ManagedResource) {
    const key = describeResource(kind, resource);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Works on the resource after the delay, unless that is already planned. */
  private schedule(kind: ManagedKind, resource: ManagedResource) {
    const key = describeResource(kind, resource);
    const { name, namespace } = resource.metadata ?? {};
    if (this.stopped || this.timers.has(key) || !name || !namespace) {
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.reconcile(kind, name, namespace).catch(error =>
        this.options.logger.error(
          `${key}: ${toKubernetesError(error).message}`,
        ),
      );
    }, this.delayMs);
    this.timers.set(key, timer);
  }

  private async reconcile(kind: ManagedKind, name: string, namespace: string) {
    // The latest state: the resource may have changed during the delay.
    const resource = this.watches.get(kind)!.get(name, namespace);
    if (!resource || this.stopped) {
      return;
    }
    const desired = desiredState(kind, resource, new Date());
    if (isUpToDate(resource, desired)) {
      return;
    }
    const target = { kind, name, namespace };
    try {
      if (desired.externalName) {
        await this.setExternalName(target, desired.externalName);
      }
      await this.applyStatus(target, desired);
      this.logOutcome(kind, resource, desired);
    } catch (error) {
      const failure = toKubernetesError(error);
      if (failure.type === 'NOT_FOUND') {
        return;
      }
      this.options.logger.warn(
        `cannot update ${describeResource(kind, resource)}, trying again: ${
          failure.message
        }`,
      );
      this.schedule(kind, resource);
    }
  }

  private async setExternalName(target: Target, externalName: string) {
    await this.api.patchNamespacedCustomObject(
      {
        ...writeTo(target),
        body: {
          metadata: {
            annotations: {
              [CROSSPLANE_ANNOTATIONS.externalName]: externalName,
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  /**
   * Applies the whole status the stand-in owns (server-side apply on the
   * status subresource): fields it no longer sets, such as atProvider after
   * a failed create, are removed.
   */
  private async applyStatus(target: Target, desired: DesiredState) {
    const { kind, name, namespace } = target;
    await this.api.patchNamespacedCustomObjectStatus(
      {
        ...writeTo(target),
        body: {
          apiVersion: apiVersionOf(kind),
          kind: kind.kind,
          metadata: { name, namespace },
          status: desired.status,
        },
        force: true,
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
  }

  private logOutcome(
    kind: ManagedKind,
    resource: ManagedResource,
    desired: DesiredState,
  ) {
    const synced = desired.status.conditions.find(c => c.type === 'Synced');
    const what = describeResource(kind, resource);
    if (synced?.status === 'True') {
      this.options.logger.info(`${what}: Synced and Ready`);
    } else {
      this.options.logger.info(`${what}: ${synced?.message}`);
    }
  }
}
