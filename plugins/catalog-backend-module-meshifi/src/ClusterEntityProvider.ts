import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  apiResourceOf,
  DataDomain,
  DataProduct,
  gitopsPath,
  KINDS,
  MESHIFI_ANNOTATIONS,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { toKubernetesError } from '@meshifi/node/kubernetes';
import { manifestToEntities } from './manifestToEntities';

/** The tag of entities that exist in a cluster but not in Git. */
export const CLUSTER_ONLY_TAG = 'not-in-git';

/** Where an entity found in a cluster says it came from. */
const LOCATION_PREFIX = 'meshifi-cluster:';

export interface ClusterEntityProviderOptions {
  clusters: Array<{ name: string; kubeConfig: KubeConfig }>;
  /** What is in Git: products there come from the GitOps provider. */
  repository?: GitOpsRepository;
  /** Entities other locations already have are not emitted twice. */
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  schedule?: SchedulerServiceTaskRunner;
  defaultOwner?: string;
}

/** What one refresh found, for logs and tests. */
export interface ClusterRefreshOutcome {
  /** DataProducts and DataDomains in the clusters. */
  found: number;
  /** Of those, the ones that became entities: in no other location. */
  emitted: number;
}

type Manifest = DataProduct | DataDomain;

/** The XR as its author wrote it: without what Crossplane adds. */
function manifestOf(xr: Manifest): Manifest {
  const { crossplane: _, ...spec } = xr.spec as Manifest['spec'] & {
    crossplane?: unknown;
  };
  const owner = xr.metadata.annotations?.[MESHIFI_ANNOTATIONS.owner];
  return {
    apiVersion: xr.apiVersion,
    kind: xr.kind,
    metadata: {
      name: xr.metadata.name,
      ...(xr.metadata.namespace ? { namespace: xr.metadata.namespace } : {}),
      ...(owner ? { annotations: { [MESHIFI_ANNOTATIONS.owner]: owner } } : {}),
    },
    spec,
  } as Manifest;
}

/**
 * Optional discovery: DataProducts and DataDomains that a cluster has but the
 * GitOps repository does not (applied by hand, or left behind) become
 * entities too, tagged `not-in-git` and annotated with their cluster. Each
 * refresh lists the XRs of every cluster and applies a full mutation; a
 * cluster that cannot be read keeps the entities of the last refresh.
 */
export class ClusterEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly lastSeen = new Map<string, Manifest[]>();

  constructor(private readonly options: ClusterEntityProviderOptions) {}

  getProviderName(): string {
    return 'meshifi-clusters';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.schedule?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  async refresh(): Promise<ClusterRefreshOutcome> {
    if (!this.connection) {
      throw new Error('ClusterEntityProvider is not connected yet');
    }
    const inGit = await this.filesInGit();
    const candidates: Array<{ cluster: string; manifest: Manifest }> = [];
    for (const cluster of this.options.clusters) {
      for (const manifest of await this.list(cluster)) {
        if (!inGit.has(gitopsPath(manifest))) {
          candidates.push({ cluster: cluster.name, manifest });
        }
      }
    }
    const converted = candidates.flatMap(({ cluster, manifest }) => {
      const result = manifestToEntities(manifest, {
        defaultOwner: this.options.defaultOwner,
        // Every entity of a cluster-only product says where it came from:
        // there is no file to find it by.
        annotations: {
          [MESHIFI_ANNOTATIONS.source]: `cluster:${cluster}`,
        },
      });
      if (!result.ok) {
        this.options.logger.warn(
          `The ${manifest.kind} ${manifest.metadata.name} in the cluster ${cluster} cannot become a catalog entity: ${result.message}`,
        );
        return [];
      }
      const location = `${LOCATION_PREFIX}${cluster}/${manifest.kind}/${
        manifest.metadata.namespace ?? ''
      }/${manifest.metadata.name}`;
      return [
        result.entities.map(entity => withClusterMarks(entity, location)),
      ];
    });
    const elsewhere = await this.refsFromOtherLocations(converted.flat());
    const emitted = converted.filter(
      entities => !entities.some(e => elsewhere.has(stringifyEntityRef(e))),
    );
    await this.connection.applyMutation({
      type: 'full',
      entities: emitted.flat().map(entity => ({
        entity,
        locationKey: `${this.getProviderName()}:${
          entity.metadata.annotations![ANNOTATION_LOCATION]
        }`,
      })),
    });
    return { found: candidates.length, emitted: emitted.length };
  }

  /** The GitOps repository's manifest paths at its head, if there is one. */
  private async filesInGit(): Promise<Set<string>> {
    const repository = this.options.repository;
    if (!repository) {
      return new Set();
    }
    const commit = await repository.fetch();
    return new Set(await repository.listFiles(commit));
  }

  /** A cluster's XRs; the last ones seen when it cannot be read. */
  private async list(cluster: {
    name: string;
    kubeConfig: KubeConfig;
  }): Promise<Manifest[]> {
    const api = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
    try {
      const lists = await Promise.all(
        [KINDS.dataDomain, KINDS.dataProduct].map(kind =>
          api.listClusterCustomObject(apiResourceOf(kind)),
        ),
      );
      const manifests = lists
        .flatMap(list => list.items as Manifest[])
        .map(manifestOf);
      this.lastSeen.set(cluster.name, manifests);
      return manifests;
    } catch (error) {
      this.options.logger.warn(
        `meshifi cannot list the data products of the cluster ${
          cluster.name
        }: ${
          toKubernetesError(error).message
        }; keeping what it found last time`,
      );
      return this.lastSeen.get(cluster.name) ?? [];
    }
  }

  /** Which of these refs the catalog has from a location other than ours. */
  private async refsFromOtherLocations(
    entities: Entity[],
  ): Promise<Set<string>> {
    if (entities.length === 0) {
      return new Set();
    }
    const refs = entities.map(e => stringifyEntityRef(e));
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return new Set(
      items.flatMap((item, i) =>
        item &&
        !item.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
          LOCATION_PREFIX,
        )
          ? [refs[i]]
          : [],
      ),
    );
  }
}

function withClusterMarks(entity: Entity, location: string): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      tags: [...(entity.metadata.tags ?? []), CLUSTER_ONLY_TAG],
      annotations: {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      },
    },
  };
}
