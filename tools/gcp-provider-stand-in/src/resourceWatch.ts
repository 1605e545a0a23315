import {
  CustomObjectsApi,
  Informer,
  KubeConfig,
  KubernetesListObject,
  makeInformer,
  ObjectCache,
} from '@kubernetes/client-node';
import { errorMessage } from './errors';
import { Logger } from '@meshifi/daemon';
import { ManagedKind, ManagedResource } from './managedKinds';

/** What a watch reports. */
export interface ResourceWatchHandlers {
  /** An object was listed, added or changed. */
  changed(resource: ManagedResource): void;
  deleted(resource: ManagedResource): void;
}

export interface ResourceWatchOptions {
  kubeConfig: KubeConfig;
  kind: ManagedKind;
  handlers: ResourceWatchHandlers;
  logger: Logger;
  /** Wait before listing again after an error. */
  retryMs?: number;
}

type ResourceInformer = Informer<ManagedResource & { metadata: object }> &
  ObjectCache<ManagedResource & { metadata: object }>;

/**
 * Lists and watches one kind in all namespaces with client-node's informer,
 * and keeps doing so: the informer stops for good on an error (the API
 * server restarting, the CRD not installed yet), so after one the watch
 * starts a new informer, which lists everything again, and reports each
 * object as changed. An outage is logged when it starts and when it ends,
 * not at every retry.
 */
export class ResourceWatch {
  private informer?: ResourceInformer;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private failing = false;
  private readonly api: CustomObjectsApi;

  constructor(private readonly options: ResourceWatchOptions) {
    this.api = options.kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** Starts watching; resolves once the first list was tried. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.startInformer();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.informer?.stop();
  }

  /** The latest state of an object the watch has seen. */
  get(name: string, namespace?: string): ManagedResource | undefined {
    return this.informer?.get(name, namespace);
  }

  private async startInformer() {
    const { kubeConfig, kind, handlers } = this.options;
    const path = `/apis/${kind.group}/${kind.version}/${kind.plural}`;
    const informer: ResourceInformer = makeInformer(kubeConfig, path, () =>
      this.list(),
    );
    informer.on('add', handlers.changed);
    informer.on('update', handlers.changed);
    informer.on('delete', handlers.deleted);
    informer.on('error', error => this.restartLater(informer, error));
    this.informer = informer;
    await informer.start();
  }

  private async list(): Promise<
    KubernetesListObject<ManagedResource & { metadata: object }>
  > {
    const { kind, logger } = this.options;
    const list = await this.api.listClusterCustomObject({
      group: kind.group,
      version: kind.version,
      plural: kind.plural,
    });
    if (this.failing) {
      this.failing = false;
      logger.info(`watching ${kind.plural}.${kind.group} again`);
    }
    return list;
  }

  private restartLater(informer: ResourceInformer, error: unknown) {
    if (this.stopped || informer !== this.informer) {
      return;
    }
    const { kind, logger } = this.options;
    const retryMs = this.options.retryMs ?? 1000;
    if (!this.failing) {
      this.failing = true;
      logger.warn(
        `lost the watch of ${kind.plural}.${kind.group} (${errorMessage(
          error,
        )}); retrying every ${retryMs} ms`,
      );
    }
    informer.stop().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) {
        this.startInformer().catch(e => this.restartLater(this.informer!, e));
      }
    }, retryMs);
  }
}
