import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject as ClientObject,
  ListWatch,
  Watch,
} from '@kubernetes/client-node';
import { KubernetesObject } from '@meshifi/common';
import { apiPath, WatchedKind } from './watchedKinds';

/** Where a watch stands: listing, live, or failing (and why). */
export type WatchConnection =
  | { state: 'syncing' }
  | { state: 'live'; since: Date }
  | { state: 'failing'; since: Date; error: string };

/** Called with every object the watch adds, changes or removes. */
export type WatchListener = (
  change: 'upsert' | 'delete',
  object: KubernetesObject,
) => void;

// Short: while a cluster is back but the watch still waits, pages show it as unreachable.
const MAX_BACKOFF_MS = 5_000;

/** Fields a status page never reads and that make up much of an object's size. */
function trim(object: ClientObject) {
  if (object.metadata) {
    delete object.metadata.managedFields;
    delete object.metadata.annotations?.[
      'kubectl.kubernetes.io/last-applied-configuration'
    ];
  }
}

/** A short, secret-free description of why a request to the cluster failed. */
export function describeWatchError(error: unknown): string {
  const e = error as {
    code?: number | string;
    statusCode?: number;
    message?: string;
  };
  const status =
    e?.statusCode ?? (typeof e?.code === 'number' ? e.code : undefined);
  if (status === 401) {
    return "the cluster does not accept meshifi's credentials (HTTP 401)";
  }
  if (status === 403) {
    return "meshifi's service account may not read these resources (HTTP 403): apply the RBAC manifests of @meshifi/plugin-meshifi-backend";
  }
  if (status === 404) {
    return 'the cluster does not have this kind (HTTP 404): are Crossplane, the meshifi package and the GCP provider installed?';
  }
  if (status) {
    return `the cluster answered HTTP ${status}`;
  }
  const code = typeof e?.code === 'string' ? e.code : undefined;
  return code ?? e?.message ?? String(error);
}

/**
 * A list + watch of one kind in one cluster that keeps a local copy of its
 * objects and restarts, with backoff, whenever the connection fails: the API
 * server restarting, the network dropping, the credentials being refused.
 */
export class ResourceWatch {
  readonly kind: WatchedKind;
  private readonly listWatch: ListWatch<ClientObject>;
  private readonly logger: LoggerService;
  private connectionState: WatchConnection = { state: 'syncing' };
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private attempt = 0;

  constructor(options: {
    kubeConfig: KubeConfig;
    kind: WatchedKind;
    logger: LoggerService;
    listener: WatchListener;
  }) {
    this.kind = options.kind;
    this.logger = options.logger;
    this.listWatch = new ListWatch(
      apiPath(options.kind),
      new Watch(options.kubeConfig),
      listFunction(options.kubeConfig, options.kind),
      false,
      options.kind.labelSelector,
      options.kind.fieldSelector,
    );
    // The cache holds the objects as the API server sent them (JSON): the
    // shape of @meshifi/common's KubernetesObject.
    const upsert = (object: ClientObject) => {
      trim(object);
      options.listener('upsert', object as KubernetesObject);
    };
    this.listWatch.on('add', upsert);
    this.listWatch.on('update', upsert);
    this.listWatch.on('delete', object =>
      options.listener('delete', object as KubernetesObject),
    );
    this.listWatch.on('error', error => this.failed(error));
  }

  get connection(): WatchConnection {
    return this.connectionState;
  }

  /** The cached objects; one namespace, or all. */
  list(namespace?: string): readonly KubernetesObject[] {
    return this.listWatch.list(namespace) as readonly KubernetesObject[];
  }

  get(name: string, namespace?: string): KubernetesObject | undefined {
    return this.listWatch.get(name, namespace) as KubernetesObject | undefined;
  }

  /** Starts listing and watching; resolves when the first attempt is done. */
  async start(): Promise<void> {
    this.stopped = false;
    const attempt = ++this.attempt;
    const failuresBefore = this.failures;
    try {
      await this.listWatch.start();
    } catch (error) {
      this.failed(error);
      return;
    }
    if (
      attempt === this.attempt &&
      this.failures === failuresBefore &&
      !this.stopped
    ) {
      if (this.connectionState.state !== 'live') {
        this.connectionState = { state: 'live', since: new Date() };
      }
      this.failures = 0;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.listWatch.stop();
  }

  private failed(error: unknown) {
    if (this.stopped) {
      return;
    }
    this.failures += 1;
    const description = describeWatchError(error);
    if (this.connectionState.state !== 'failing') {
      this.connectionState = {
        state: 'failing',
        since: new Date(),
        error: description,
      };
      this.logger.warn(
        `meshifi lost its watch on ${this.kind.id}: ${description}; retrying`,
      );
    } else {
      this.connectionState = { ...this.connectionState, error: description };
    }
    const delay = Math.min(
      MAX_BACKOFF_MS,
      500 * 2 ** Math.min(this.failures, 6),
    );
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.start().then(() => {
        if (this.connectionState.state === 'live') {
          this.logger.info(`meshifi watches ${this.kind.id} again`);
        }
      });
    }, delay);
  }
}

function listFunction(
  kubeConfig: KubeConfig,
  kind: WatchedKind,
): () => Promise<KubernetesListObject<ClientObject>> {
  const selectors = {
    labelSelector: kind.labelSelector,
    fieldSelector: kind.fieldSelector,
  };
  if (!kind.group) {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    return () =>
      core.listEventForAllNamespaces(selectors) as Promise<
        KubernetesListObject<ClientObject>
      >;
  }
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  return () =>
    custom.listClusterCustomObject({
      group: kind.group,
      version: kind.version,
      plural: kind.plural,
      ...selectors,
    }) as Promise<KubernetesListObject<ClientObject>>;
}
