import {
  ADD,
  DELETE,
  ERROR,
  KubeConfig,
  KubernetesObject as ClientObject,
  ListWatch,
  UPDATE,
  Watch,
} from '@kubernetes/client-node';
import { apiPathOf, KubernetesKind, KubernetesObject } from '@meshifi/common';
import { Backoff, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { KubernetesError, toKubernetesError } from './KubernetesError';
import { KindSelectors, listKind } from './listKind';

/**
 * Where a watch stands. There is no state for giving up: a watch retries
 * until stop(), as the cluster may come back at any time (an API server
 * restart, a network outage, RBAC applied late).
 */
export type WatchState =
  /** The first list is under way. */
  | { state: 'connecting' }
  /** Listed, and watching for changes. */
  | { state: 'synced'; since: Date }
  /** Attempts fail since `since`, retried with backoff; `error` is the last one. */
  | { state: 'failing'; since: Date; error: KubernetesError; failures: number }
  /** stop() was called: no more changes, no more retries. */
  | { state: 'stopped' };

/** Called with every object the watch adds, changes or removes. */
export type WatchListener<T> = (change: 'upsert' | 'delete', object: T) => void;

/** Where a watch says that it lost the cluster and found it again. */
export interface WatchLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface KubernetesWatchOptions<T> extends KindSelectors {
  kubeConfig: KubeConfig;
  kind: KubernetesKind;
  logger: WatchLogger;
  onChange?: WatchListener<T>;
  backoff?: Backoff;
  /**
   * Whether the cluster may well not have the kind (its CRD comes with
   * another product, e.g. Flux): its absence (NOT_FOUND) is said once, at
   * info, as what it is rather than as an outage. The watch still looks
   * again, with the same backoff, in case the kind is installed later.
   */
  optional?: boolean;
}

/** Fields nothing in meshifi reads and that make up much of an object's size. */
function trim(object: ClientObject) {
  if (object.metadata) {
    delete object.metadata.managedFields;
    delete object.metadata.annotations?.[
      'kubectl.kubernetes.io/last-applied-configuration'
    ];
  }
}

/** `datasets.bigquery.gcp.m.upbound.io where meshifi.io/data-product`, for logs. */
function describeWatch(kind: KubernetesKind, selectors: KindSelectors) {
  const resource = kind.group ? `${kind.plural}.${kind.group}` : kind.plural;
  const where = [selectors.labelSelector, selectors.fieldSelector].filter(
    Boolean,
  );
  return where.length ? `${resource} where ${where.join(', ')}` : resource;
}

/**
 * A list + watch of one kind in all namespaces of a cluster that keeps a
 * copy of its objects and keeps itself current, with one recovery policy:
 *
 * - a watch the API server ends (its timeout) resumes from the last
 *   resourceVersion seen, without listing again;
 * - a resourceVersion too old to resume from (410 Gone, as an HTTP status
 *   or a watch ERROR event) lists again, and objects gone meanwhile are
 *   reported deleted;
 * - any other failure (the API server restarting, the network dropping,
 *   the credentials refused) is retried after a backoff that doubles up to
 *   a cap, resuming from the last resourceVersion seen;
 * - stop() ends it all.
 *
 * Built on client-node's ListWatch: it resumes from the resourceVersion,
 * relists on 410 (telling deletions apart from what the new list still
 * has) and stops on any other error, which leaves the retry and its
 * backoff to this class, on the same ListWatch, so a retry resumes. Not
 * makeInformer: that is the same ListWatch without a field selector, which
 * the Event watches need; and replacing an informer after an error (as the
 * stand-in provider once did) loses the resourceVersion, so every outage
 * meant a full relist.
 */
export class KubernetesWatch<T extends object = KubernetesObject> {
  readonly kind: KubernetesKind;
  /** What the watch is of, as its log lines name it. */
  readonly description: string;
  private readonly listWatch: ListWatch<ClientObject>;
  private readonly logger: WatchLogger;
  private readonly backoff: Required<Backoff>;
  private readonly optional: boolean;
  private current: WatchState = { state: 'connecting' };
  private failures = 0;
  private attempt = 0;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(options: KubernetesWatchOptions<T>) {
    const { kubeConfig, kind, labelSelector, fieldSelector } = options;
    this.kind = kind;
    this.logger = options.logger;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.optional = options.optional ?? false;
    this.description = describeWatch(kind, { labelSelector, fieldSelector });
    this.listWatch = new ListWatch(
      apiPathOf(kind),
      new Watch(kubeConfig),
      listKind(kubeConfig, kind, { labelSelector, fieldSelector }),
      false,
      labelSelector,
      fieldSelector,
    );
    const onChange = options.onChange ?? (() => {});
    // The objects as the API server sent them (JSON), the shape T describes.
    const upsert = (object: ClientObject) => {
      trim(object);
      onChange('upsert', object as T);
    };
    this.listWatch.on(ADD, upsert);
    this.listWatch.on(UPDATE, upsert);
    this.listWatch.on(DELETE, object => onChange('delete', object as T));
    this.listWatch.on(ERROR, error => this.failed(error));
  }

  get state(): WatchState {
    return this.current;
  }

  /** The objects the watch holds; in one namespace, or all. */
  list(namespace?: string): readonly T[] {
    return this.listWatch.list(namespace) as unknown as readonly T[];
  }

  get(name: string, namespace?: string): T | undefined {
    return this.listWatch.get(name, namespace) as T | undefined;
  }

  /** Starts listing and watching; resolves once the first attempt is done. */
  async start(): Promise<void> {
    this.stopped = false;
    clearTimeout(this.retryTimer);
    const attempt = ++this.attempt;
    const failuresBefore = this.failures;
    try {
      await this.listWatch.start();
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.stopped) {
      // stop() came while the list was under way: ListWatch went on to
      // watch regardless; end that watch.
      await this.listWatch.stop();
      return;
    }
    if (attempt === this.attempt && this.failures === failuresBefore) {
      this.synced();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.current = { state: 'stopped' };
    await this.listWatch.stop();
  }

  private synced() {
    if (this.current.state === 'failing') {
      this.logger.info(`watching ${this.description} again`);
    }
    if (this.current.state !== 'synced') {
      this.current = { state: 'synced', since: new Date() };
    }
    this.failures = 0;
  }

  private failed(cause: unknown) {
    if (this.stopped) {
      return;
    }
    this.failures += 1;
    const error = toKubernetesError(cause);
    if (this.current.state === 'failing') {
      this.current = { ...this.current, error, failures: this.failures };
    } else if (this.optional && error.type === 'NOT_FOUND') {
      this.logger.info(
        `this cluster has no ${this.description} (${error.message}); looking again every ${this.backoff.maxMs} ms at most`,
      );
      this.current = {
        state: 'failing',
        since: new Date(),
        error,
        failures: this.failures,
      };
    } else {
      this.logger.warn(
        `${
          this.current.state === 'synced' ? 'lost the watch of' : 'cannot watch'
        } ${this.description} (${error.message}); retrying, at least every ${
          this.backoff.maxMs
        } ms`,
      );
      this.current = {
        state: 'failing',
        since: new Date(),
        error,
        failures: this.failures,
      };
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => void this.start(),
      backoffDelay(this.failures, this.backoff),
    );
  }
}
