import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesObject, ProductXr } from '@meshifi/common';
import { WatchListener, WatchState } from '@meshifi/node/kubernetes';
import { ClusterCache } from '../ClusterCache';
import { ObjectWatch } from '../clusterWatches';
import { WatchedKind } from '../watchedKinds';

/**
 * A watch a test feeds by hand: what the cache is told, and the state it
 * reports, are the test's. The list + watch itself is KubernetesWatch's
 * to test, against its scripted API server.
 */
export class MemoryWatch implements ObjectWatch {
  state: WatchState = { state: 'connecting' };
  private readonly objects = new Map<string, KubernetesObject>();

  constructor(
    readonly kind: WatchedKind,
    private readonly onChange: WatchListener<KubernetesObject>,
  ) {}

  async start() {
    this.state = { state: 'synced', since: new Date() };
  }

  async stop() {
    this.state = { state: 'stopped' };
  }

  get(name: string, namespace?: string) {
    return this.objects.get(`${namespace ?? ''}/${name}`);
  }

  list() {
    return [...this.objects.values()];
  }

  put(object: KubernetesObject) {
    this.objects.set(
      `${object.metadata.namespace ?? ''}/${object.metadata.name}`,
      object,
    );
    this.onChange('upsert', object);
  }

  remove(object: KubernetesObject) {
    this.objects.delete(
      `${object.metadata.namespace ?? ''}/${object.metadata.name}`,
    );
    this.onChange('delete', object);
  }
}

/** A ClusterCache on memory watches, and what it told of changed products, product files and access. */
export function memoryCluster(name = 'local') {
  const watches = new Map<string, MemoryWatch>();
  const changed: ProductXr[] = [];
  const filesChanged: string[] = [];
  const accessChanged: ProductXr[] = [];
  const cache = new ClusterCache({
    name,
    logger: mockServices.logger.mock(),
    onProductChange: xr => changed.push(xr),
    onFilesChange: namespace => filesChanged.push(namespace),
    onAccessChange: xr => accessChanged.push(xr),
    openWatch: (kind, onChange) => {
      const watch = new MemoryWatch(kind, onChange);
      watches.set(kind.id, watch);
      return watch;
    },
  });
  /** The watch of a kind, by the cache's id for it (DataProduct, Dataset, Event:v...). */
  const watch = (id: string) => {
    const found = watches.get(id);
    if (!found) {
      throw new Error(`the cache does not watch ${id}`);
    }
    return found;
  };
  return { cache, watches, watch, changed, filesChanged, accessChanged };
}
