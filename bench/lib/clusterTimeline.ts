/*
 * When things happen in the cluster, as a watch sees them: the first time
 * each DataProduct XR of a namespace exists and is Ready, and the first time
 * each managed resource it composed exists and is Ready. Watches, not
 * polls: the times are those of the API server's events, and the cluster
 * gets no extra load per product.
 */
import { KubeConfig, Watch } from '@kubernetes/client-node';
import {
  apiPathOf,
  CROSSPLANE_LABELS,
  isReady,
  KINDS,
  KubernetesObject,
  MANAGED_KINDS,
} from '@meshifi/common';

const RESTART_MS = 200;

/** When an object was first seen, and first seen Ready. */
interface Sightings {
  seenAt: number;
  readyAt?: number;
}

/** What the cluster did for one product, in performance.now() milliseconds. */
export interface ProductInCluster {
  xrAt?: number;
  xrReadyAt?: number;
  /** When the last of its managed resources appeared. */
  resourcesAt?: number;
  /** When the last of its managed resources became Ready, once all are. */
  resourcesReadyAt?: number;
  resources: number;
}

export class ClusterTimeline {
  private readonly products = new Map<string, Sightings>();
  /** Each managed resource, by the XR that composed it. */
  private readonly resources = new Map<string, Map<string, Sightings>>();
  private readonly watches: AbortController[] = [];
  private stopped = false;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    await this.watch(apiPathOf(KINDS.dataProduct, this.namespace), {}, object =>
      this.sight(this.products, object.metadata.name, object),
    );
    for (const kind of MANAGED_KINDS) {
      await this.watch(
        apiPathOf(kind, this.namespace),
        { labelSelector: CROSSPLANE_LABELS.composite },
        object => this.onResource(object),
      );
    }
  }

  stop(): void {
    this.stopped = true;
    this.watches.forEach(watch => watch.abort());
  }

  product(name: string): ProductInCluster {
    const product = this.products.get(name);
    const resources = [...(this.resources.get(name)?.values() ?? [])];
    const readyAts = resources.map(r => r.readyAt);
    const allReady =
      resources.length > 0 && readyAts.every(t => t !== undefined);
    return {
      xrAt: product?.seenAt,
      xrReadyAt: product?.readyAt,
      resourcesAt: resources.length
        ? Math.max(...resources.map(r => r.seenAt))
        : undefined,
      resourcesReadyAt: allReady
        ? Math.max(...(readyAts as number[]))
        : undefined,
      resources: resources.length,
    };
  }

  private onResource(object: KubernetesObject) {
    const product = object.metadata.labels?.[CROSSPLANE_LABELS.composite];
    if (product) {
      const ofProduct = this.resources.get(product) ?? new Map();
      this.resources.set(product, ofProduct);
      this.sight(ofProduct, `${object.kind}/${object.metadata.name}`, object);
    }
  }

  /** Records the first sighting of `key`, and the first time it is Ready. */
  private sight(
    into: Map<string, Sightings>,
    key: string,
    object: KubernetesObject,
  ) {
    const now = performance.now();
    const sightings = into.get(key) ?? { seenAt: now };
    if (sightings.readyAt === undefined && isReady(object)) {
      sightings.readyAt = now;
    }
    into.set(key, sightings);
  }

  /** Watches `path` until stop(), starting again whenever the server ends the watch. */
  private async watch(
    path: string,
    query: Record<string, string>,
    onObject: (object: KubernetesObject) => void,
  ): Promise<void> {
    const restart = () => {
      if (!this.stopped) {
        setTimeout(() => this.watch(path, query, onObject), RESTART_MS);
      }
    };
    try {
      const controller = await new Watch(this.kubeConfig).watch(
        path,
        query,
        (phase, object) => {
          if (phase === 'ADDED' || phase === 'MODIFIED') {
            onObject(object);
          }
        },
        restart,
      );
      this.watches.push(controller);
    } catch {
      restart();
    }
  }
}
