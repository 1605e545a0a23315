import { LoggerService } from '@backstage/backend-plugin-api';
import {
  buildProvisioningReport,
  ClusterState,
  compose,
  DataAccess,
  DataProduct,
  GitopsApply,
  gitopsApplyOf,
  gitopsProductOf,
  gitopsApplySentence,
  KubernetesObject,
  pendingResource,
  PlatformConfig,
  ProvisioningReport,
} from '@meshifi/common';
import { ClusterConfig, kubeConfigFor } from '@meshifi/node/kubernetes';
import { LocalPlatformStatusFile } from './localPlatform/LocalPlatformStatusFile';
import { LocalPlatformStatus } from './localPlatform/readLocalPlatformStatus';
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

/** A grant as a cluster has it, and the IAM member it composed. */
export interface ClusterGrant {
  grant: DataAccess;
  composed: KubernetesObject[];
}

/** Where the local platform `./meshifi start` brings up stands, when there is one. */
export interface LocalPlatform {
  status(): LocalPlatformStatus;
}

/** Said to the analyst when this meshifi watches no cluster at all. */
export const NO_PLATFORM_REASON =
  'This meshifi shows no provisioning: it is not connected to a platform. Your data product is saved in Git; ask your platform team where it is provisioned.';

/** Said while the local platform starts in the background. */
export const PLATFORM_STARTING_REASON =
  'The local platform is starting: a minute or less, or about 9 minutes the very first time, when it is built.';

function platformFailedReason(log?: string): string {
  return log
    ? `The local platform did not start: see ${log}`
    : 'The local platform did not start: see the output of ./meshifi start';
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
  private readonly localPlatform?: LocalPlatform;

  static fromClusters(options: {
    clusters: ClusterConfig[];
    platform: PlatformConfig;
    logger: LoggerService;
    /** Told whenever something a product's report is made of changes. */
    onProductChange?: ProductChangeListener;
    /** Told, with the namespace, when whether its products' files apply may have changed. */
    onFilesChange?: (namespace: string) => void;
    /** Told, with the product's XR, when one of its grants changes in a cluster. */
    onAccessChange?: ProductChangeListener;
    /** `meshifi.localPlatform.statusFile`, when `./meshifi start` set one. */
    localPlatformStatusFile?: string;
  }): ProvisioningService {
    if (options.clusters.length === 0) {
      // The analyst reads NO_PLATFORM_REASON; the platform engineer, this.
      options.logger.warn(
        'meshifi watches no Kubernetes cluster, so product pages show no provisioning: add one under kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount).',
      );
    }
    return new ProvisioningService(
      options.clusters.map(
        cluster =>
          new ClusterCache({
            name: cluster.name,
            kubeConfig: kubeConfigFor(cluster),
            logger: options.logger,
            onProductChange: options.onProductChange,
            onFilesChange: options.onFilesChange,
            onAccessChange: options.onAccessChange,
          }),
      ),
      options.platform,
      options.localPlatformStatusFile
        ? new LocalPlatformStatusFile({
            file: options.localPlatformStatusFile,
            logger: options.logger,
          })
        : undefined,
    );
  }

  constructor(
    caches: ClusterCache[],
    platform: PlatformConfig,
    localPlatform?: LocalPlatform,
  ) {
    this.caches = caches;
    this.platform = platform;
    this.localPlatform = localPlatform;
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

  /**
   * The grants of a product as the clusters have them, each with what it
   * composed: from every cluster, the first one's where two have a grant of
   * the same name.
   */
  grantsOf(xr: { namespace: string; name: string }): ClusterGrant[] {
    return this.uniqueGrants(cache => cache.grantsOf(xr.namespace, xr.name));
  }

  /** Every grant the clusters have, each with what it composed. */
  allGrants(): ClusterGrant[] {
    return this.uniqueGrants(cache => cache.grants());
  }

  private uniqueGrants(
    grantsIn: (cache: ClusterCache) => DataAccess[],
  ): ClusterGrant[] {
    const found = new Map<string, ClusterGrant>();
    for (const cache of this.caches) {
      for (const grant of grantsIn(cache)) {
        const key = `${grant.metadata.namespace}/${grant.metadata.name}`;
        if (!found.has(key)) {
          found.set(key, { grant, composed: cache.composedBy(grant) });
        }
      }
    }
    return [...found.values()];
  }

  private reportFrom(
    cache: ClusterCache,
    xr: KubernetesObject,
    target: ProductTarget,
    now: Date,
  ): ProvisioningReport {
    const composed = cache.composedBy(xr);
    const connection = cache.connection;
    const gitopsApply = this.gitopsApply([cache], target, xr as DataProduct);
    return buildProvisioningReport({
      gitopsApply,
      xr,
      composed,
      expected: this.expected(xr as DataProduct, target.project),
      events: cache.eventsAbout([xr, ...composed]),
      cluster: clusterState(cache.name, connection),
      observedAt: connection.state === 'unreachable' ? connection.since : now,
    });
  }

  /**
   * No cluster has the product: this meshifi watches none, the local
   * platform is still starting (or did not start), a cluster is down, or the
   * GitOps sync has not applied it yet.
   */
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
      return { ...base, state: 'no-platform', reason: NO_PLATFORM_REASON };
    }
    // Until the local platform is up its cluster cannot be read, or lacks the
    // product: that is the platform starting, not a cluster down.
    const local = this.localPlatform?.status();
    if (local?.state === 'starting') {
      return {
        ...base,
        state: 'platform-starting',
        reason: PLATFORM_STARTING_REASON,
      };
    }
    if (local?.state === 'failed') {
      return {
        ...base,
        state: 'unreachable',
        reason: platformFailedReason(local.log),
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
    // A file that cannot be applied keeps the product out for good, not
    // for a few minutes: the analyst reads why instead of waiting.
    const gitopsApply = this.gitopsApply(this.caches, target, target.manifest);
    return {
      ...base,
      state: 'not-in-cluster',
      reason:
        gitopsApplySentence(gitopsApply, false) ??
        'The product is in Git but not in the cluster yet: the GitOps sync has not applied it. This usually takes a few minutes.',
      ...(gitopsApply && { gitopsApply }),
    };
  }

  /** Whether the GitOps sync applies the product's file, by the clusters' Flux Kustomizations. */
  private gitopsApply(
    caches: ClusterCache[],
    target: ProductTarget,
    manifest?: DataProduct,
  ): GitopsApply | undefined {
    return gitopsApplyOf(
      gitopsProductOf(target.namespace, target.name, manifest),
      caches.flatMap(cache => cache.kustomizations()),
    );
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
