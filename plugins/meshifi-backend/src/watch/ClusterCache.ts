import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import {
  composingXrOf,
  DataAccess,
  KubernetesEvent,
  KubernetesObject,
  LABELS,
  ProductXr,
  namespaceOfProductsOf,
  resourceRefsOf,
} from '@meshifi/common';
import { WatchListener } from '@meshifi/node/kubernetes';
import {
  apiServerWatches,
  describeFailure,
  ObjectWatch,
  WatchFactory,
} from './clusterWatches';
import {
  ApplyFailure,
  applyFailureAfter,
  withApplyFailure,
} from './steadyApplyFailure';
import {
  DATA_ACCESS_KIND,
  DATA_DOMAIN_KIND,
  DATA_PRODUCT_KIND,
  EVENT_KINDS,
  KUSTOMIZATION_KIND,
  MANAGED_KINDS,
  WatchedKind,
} from './watchedKinds';

/** Whether a cluster's cache is current. */
export type CacheConnection =
  | { state: 'live' }
  | { state: 'syncing' }
  | { state: 'unreachable'; since: Date; error: string };

/**
 * Called when the cache sees something change that a product's provisioning
 * report is made of: its XR, a resource it composed, or an event about either.
 */
export type ProductChangeListener = (xr: ProductXr) => void;

/** A set of objects keyed by kind and name. */
type ObjectSet = Map<string, KubernetesObject>;

const objectKey = (object: KubernetesObject) =>
  `${object.kind}/${object.metadata.name}`;

const xrOf = (metadata: { name: string; namespace?: string }): ProductXr => ({
  namespace: metadata.namespace ?? '',
  name: metadata.name,
});

const kustomizationKey = (kustomization: KubernetesObject) =>
  `${kustomization.metadata.namespace}/${kustomization.metadata.name}`;

/** The product a grant, or what it composed, is about: by its spec, else its label. */
const grantedProductOf = (object: KubernetesObject): ProductXr =>
  xrOf({
    namespace: object.metadata.namespace,
    name:
      (object as Partial<DataAccess>).spec?.product ??
      object.metadata.labels?.[LABELS.dataProduct] ??
      '',
  });

/** The namespace of the products a Kustomization labelled `LABELS.productsOf` applies. */
const productsNamespaceOf = (kustomization: KubernetesObject) => {
  const value = kustomization.metadata.labels?.[LABELS.productsOf];
  return value === undefined ? undefined : namespaceOfProductsOf(value);
};

/**
 * Everything meshifi shows about one cluster, kept current by watches:
 * DataProducts, DataDomains, the managed resources they compose (indexed by
 * their XR), the events about them (indexed by the object's uid), and the
 * Flux Kustomizations that apply the products' files, when Flux is there.
 * Page views read from here and cost the cluster nothing.
 */
export class ClusterCache {
  readonly name: string;
  private readonly watches: Map<string, ObjectWatch>;
  /** The ids of the kinds the cluster may lack. */
  private readonly optional = new Set<string>();
  private readonly composedByXr = new Map<string, ObjectSet>();
  private readonly eventsByObject = new Map<string, ObjectSet>();
  /** What each Kustomization last said of a revision that failed (see steadyApplyFailure). */
  private readonly applyFailures = new Map<string, ApplyFailure>();

  constructor(
    options: {
      name: string;
      logger: LoggerService;
      onProductChange?: ProductChangeListener;
      /** Told, with the namespace, when whether its products' files apply may have changed. */
      onFilesChange?: (namespace: string) => void;
      /** Told, with the product's XR, when one of its grants or what a grant composed changes. */
      onAccessChange?: ProductChangeListener;
    } & (
      | { kubeConfig: KubeConfig }
      /** How to watch each kind, instead of a cluster's API server. */
      | { openWatch: WatchFactory }
    ),
  ) {
    this.name = options.name;
    const productChanged = options.onProductChange ?? (() => {});
    const filesChanged = options.onFilesChange ?? (() => {});
    const accessChanged = options.onAccessChange ?? (() => {});
    const openWatch =
      'openWatch' in options
        ? options.openWatch
        : apiServerWatches(
            options.kubeConfig,
            options.logger.child({ cluster: options.name }),
          );
    const watch = (
      kind: WatchedKind,
      listener: WatchListener<KubernetesObject> = () => {},
    ) => {
      if (kind.optional) {
        this.optional.add(kind.id);
      }
      return [kind.id, openWatch(kind, listener)] as const;
    };
    this.watches = new Map([
      watch(DATA_PRODUCT_KIND, (_change, xr) =>
        productChanged(xrOf(xr.metadata)),
      ),
      watch(DATA_DOMAIN_KIND),
      watch(DATA_ACCESS_KIND, (_change, grant) =>
        accessChanged(grantedProductOf(grant)),
      ),
      ...MANAGED_KINDS.map(kind =>
        watch(kind, (change, object) => {
          const xr = this.indexComposed(change, object);
          // A grant's IAM member carries its product's label too, but is
          // part of the product's access, not of its provisioning.
          if (object.metadata.labels?.[LABELS.dataAccess]) {
            accessChanged(grantedProductOf(object));
          } else if (xr) {
            productChanged(xr);
          }
        }),
      ),
      ...EVENT_KINDS.map(kind =>
        watch(kind, (change, object) => {
          this.indexEvent(change, object);
          const xr = this.productConcerned(object as KubernetesEvent);
          if (xr) {
            productChanged(xr);
          }
        }),
      ),
      // Whether a domain's files apply is part of each of its products' reports.
      watch(KUSTOMIZATION_KIND, (change, kustomization) => {
        this.rememberApplyFailure(change, kustomization);
        const namespace = productsNamespaceOf(kustomization);
        // Also for the products the cluster does not have yet.
        if (namespace) {
          filesChanged(namespace);
        }
        for (const product of this.watches.get(DATA_PRODUCT_KIND.id)!.list()) {
          if (product.metadata.namespace === namespace) {
            productChanged(xrOf(product.metadata));
          }
        }
      }),
    ]);
  }

  async start(): Promise<void> {
    await Promise.all([...this.watches.values()].map(w => w.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.watches.values()].map(w => w.stop()));
  }

  /**
   * Live when every watch is synced; unreachable as soon as one fails. A
   * watch of an optional kind counts only while it connects: the cluster
   * may lack the kind, and the pages do without it.
   */
  get connection(): CacheConnection {
    let syncing = false;
    for (const [id, watch] of this.watches) {
      const state = watch.state;
      if (this.optional.has(id) && state.state !== 'connecting') {
        continue;
      }
      if (state.state === 'failing') {
        return {
          state: 'unreachable',
          since: state.since,
          error: describeFailure(state.error),
        };
      }
      syncing ||= state.state !== 'synced';
    }
    return syncing ? { state: 'syncing' } : { state: 'live' };
  }

  product(namespace: string, name: string): KubernetesObject | undefined {
    return this.watches.get(DATA_PRODUCT_KIND.id)!.get(name, namespace);
  }

  /** The grants of a product, in its namespace. */
  grantsOf(namespace: string, product: string): DataAccess[] {
    return this.grants().filter(
      grant =>
        grant.metadata.namespace === namespace &&
        grant.spec?.product === product,
    );
  }

  /** Every grant of the cluster. */
  grants(): DataAccess[] {
    return this.watches
      .get(DATA_ACCESS_KIND.id)!
      .list()
      .filter((object): object is DataAccess => object.kind === 'DataAccess');
  }

  domain(name: string): KubernetesObject | undefined {
    return this.watches.get(DATA_DOMAIN_KIND.id)!.get(name);
  }

  /**
   * The managed resources an XR composed: those its resourceRefs name, and
   * those carrying Crossplane's label for it (composed, not yet referenced).
   */
  composedBy(xr: KubernetesObject): KubernetesObject[] {
    const found: ObjectSet = new Map(
      this.composedByXr.get(
        `${xr.metadata.namespace ?? ''}/${xr.metadata.name}`,
      ) ?? [],
    );
    for (const ref of resourceRefsOf(xr)) {
      const object = this.watches
        .get(ref.kind)
        ?.get(ref.name, ref.namespace ?? xr.metadata.namespace);
      if (object?.apiVersion === ref.apiVersion) {
        found.set(objectKey(object), object);
      }
    }
    return [...found.values()];
  }

  /** The events about the given objects, newest first. */
  eventsAbout(objects: KubernetesObject[]): KubernetesEvent[] {
    return objects
      .flatMap(object => [
        ...(this.eventsByObject.get(object.metadata.uid ?? '')?.values() ?? []),
      ])
      .map(event => event as KubernetesEvent);
  }

  /** The Flux Kustomizations that apply product files; none without Flux. */
  kustomizations(): readonly KubernetesObject[] {
    return this.watches
      .get(KUSTOMIZATION_KIND.id)!
      .list()
      .map(kustomization =>
        withApplyFailure(
          kustomization,
          this.applyFailures.get(kustomizationKey(kustomization)),
        ),
      );
  }

  private rememberApplyFailure(
    change: 'upsert' | 'delete',
    kustomization: KubernetesObject,
  ) {
    const key = kustomizationKey(kustomization);
    const failure =
      change === 'delete'
        ? undefined
        : applyFailureAfter(kustomization, this.applyFailures.get(key));
    if (failure) {
      this.applyFailures.set(key, failure);
    } else {
      this.applyFailures.delete(key);
    }
  }

  /** How many objects the cache holds, by kind: for logs and benchmarks. */
  size(): Record<string, number> {
    return Object.fromEntries(
      [...this.watches].map(([id, watch]) => [id, watch.list().length]),
    );
  }

  /** Indexes a composed resource under its XR; returns that XR. */
  private indexComposed(
    change: 'upsert' | 'delete',
    object: KubernetesObject,
  ): ProductXr | undefined {
    const xr = composingXrOf(object);
    if (xr) {
      this.update(
        this.composedByXr,
        `${xr.namespace}/${xr.name}`,
        objectKey(object),
        change,
        object,
      );
    }
    return xr;
  }

  /** The product an event is about: its XR, or the XR of the resource. */
  private productConcerned(event: KubernetesEvent): ProductXr | undefined {
    const about = event.involvedObject;
    if (!about?.kind || !about.name) {
      return undefined;
    }
    const namespace = about.namespace ?? event.metadata.namespace;
    if (about.kind === DATA_PRODUCT_KIND.kind) {
      return xrOf({ name: about.name, namespace });
    }
    const object = this.watches.get(about.kind)?.get(about.name, namespace);
    return object && composingXrOf(object);
  }

  private indexEvent(change: 'upsert' | 'delete', object: KubernetesObject) {
    const uid = (object as KubernetesEvent).involvedObject?.uid;
    if (uid) {
      this.update(
        this.eventsByObject,
        uid,
        object.metadata.uid ?? objectKey(object),
        change,
        object,
      );
    }
  }

  private update(
    index: Map<string, ObjectSet>,
    key: string,
    member: string,
    change: 'upsert' | 'delete',
    object: KubernetesObject,
  ) {
    let set = index.get(key);
    if (change === 'delete') {
      set?.delete(member);
      if (set?.size === 0) {
        index.delete(key);
      }
      return;
    }
    if (!set) {
      set = new Map();
      index.set(key, set);
    }
    set.set(member, object);
  }
}
