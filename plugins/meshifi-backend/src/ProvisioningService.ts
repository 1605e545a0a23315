import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterState,
  compose,
  DataProduct,
  KubernetesObject,
  PlatformConfig,
  ProvisioningReport,
} from '@meshifi/common';
import { ClusterConfig, kubeConfigFor } from '@meshifi/node/kubernetes';
import {
  buildProvisioningReport,
  pendingResource,
} from './report/buildProvisioningReport';
import {
  CacheConnection,
  ClusterCache,
  ProductChangeListener,
} from './watch/ClusterCache';

/** Which composite resource a catalog entity stands for. */
export interface ProductTarget {
  namespace: string;
  name: string;
  /** The product as the catalog knows it: what to expect before it is applied. */
  manifest?: DataProduct;
  /**
   * The GCP project the catalog places the product in (its domain's, by
   * CatalogPlanResolver): the expected resources name it. The platform's
   * project when unset.
   */
  project?: string;
}

function clusterState(name: string, connection: CacheConnection): ClusterState {
  return connection.state === 'unreachable'
    ? {
        name,
        connection: 'unreachable',
        message: `Cannot reach the cluster ${name} since ${connection.since.toISOString()}: ${
          connection.error
        }.`,
      }
    : { name, connection: connection.state };
}

/**
 * Answers a product's provisioning report from the clusters' watch caches:
 * the first cluster that has the product answers; when none has it, the
 * answer says whether that is because the GitOps sync has not applied it yet
 * or because a cluster cannot be read.
 */
export class ProvisioningService {
  private readonly caches: ClusterCache[];
  private readonly platform: PlatformConfig;

  static fromClusters(options: {
    clusters: ClusterConfig[];
    platform: PlatformConfig;
    logger: LoggerService;
    /** Told whenever something a product's report is made of changes. */
    onProductChange?: ProductChangeListener;
  }): ProvisioningService {
    return new ProvisioningService(
      options.clusters.map(
        cluster =>
          new ClusterCache({
            name: cluster.name,
            kubeConfig: kubeConfigFor(cluster),
            logger: options.logger,
            onProductChange: options.onProductChange,
          }),
      ),
      options.platform,
    );
  }

  constructor(caches: ClusterCache[], platform: PlatformConfig) {
    this.caches = caches;
    this.platform = platform;
  }

  async start(): Promise<void> {
    await Promise.all(this.caches.map(cache => cache.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.caches.map(cache => cache.stop()));
  }

  report(target: ProductTarget, now = new Date()): ProvisioningReport {
    for (const cache of this.caches) {
      const xr = cache.product(target.namespace, target.name);
      if (xr) {
        return this.reportFrom(cache, xr, target, now);
      }
    }
    return this.absent(target, now);
  }

  private reportFrom(
    cache: ClusterCache,
    xr: KubernetesObject,
    target: ProductTarget,
    now: Date,
  ): ProvisioningReport {
    const composed = cache.composedBy(xr);
    const connection = cache.connection;
    return buildProvisioningReport({
      xr,
      composed,
      expected: this.expected(xr as DataProduct, target.project),
      events: cache.eventsAbout([xr, ...composed]),
      cluster: clusterState(cache.name, connection),
      observedAt: connection.state === 'unreachable' ? connection.since : now,
    });
  }

  /** No cluster has the product: not applied yet, or a cluster is down. */
  private absent(target: ProductTarget, now: Date): ProvisioningReport {
    const clusters = this.caches.map(cache =>
      clusterState(cache.name, cache.connection),
    );
    const expected = target.manifest
      ? this.expected(target.manifest, target.project).map(pendingResource)
      : [];
    const base = {
      observedAt: now.toISOString(),
      clusters,
      resources: [],
      missing: expected,
      events: [],
    };
    if (clusters.length === 0) {
      return {
        ...base,
        state: 'unreachable',
        reason:
          'meshifi has no Kubernetes cluster to look in. Ask your platform team to add one under kubernetes.clusterLocatorMethods.',
      };
    }
    const down = clusters.filter(c => c.connection !== 'live');
    if (down.length > 0) {
      return {
        ...base,
        state: 'unreachable',
        reason:
          down.find(c => c.message)?.message ??
          `Still reading the cluster ${down[0].name}. Try again in a moment.`,
      };
    }
    return {
      ...base,
      state: 'not-in-cluster',
      reason:
        'The product is in Git but not in the cluster yet: the GitOps sync has not applied it. This usually takes a few minutes.',
    };
  }

  /**
   * What compose() says the product needs in the project the catalog places
   * it in, or nothing when it cannot compose.
   */
  private expected(product: DataProduct, project?: string) {
    try {
      return compose(product, {
        ...this.platform,
        project: project ?? this.platform.project,
      });
    } catch {
      return [];
    }
  }
}
