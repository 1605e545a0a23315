import { CoreV1Api, V1ConfigMap } from '@kubernetes/client-node';
import { toKubernetesError } from '@meshifi/node/kubernetes';
import { FIELD_MANAGER, MANAGED_BY_LABEL } from './manifests';

/** The ConfigMap the sync loop keeps its state in, in its namespace. */
export const STATE_CONFIG_MAP = 'meshifi-gitops-sync';

/** The keys of the state ConfigMap's data. */
export const STATE_KEYS = {
  /** The last head the loop applied: the next one must descend from it. */
  lastAppliedCommit: 'lastAppliedCommit',
  /** The branch it came from (for people reading the ConfigMap). */
  branch: 'branch',
} as const;

const isNotFound = (error: unknown) =>
  toKubernetesError(error).type === 'NOT_FOUND';

/**
 * The sync loop's memory across restarts: the last commit it applied, in a
 * ConfigMap it owns. Whoever may write that ConfigMap may make the loop
 * accept any head: keep it in a namespace only the platform's operators
 * write to.
 */
export class SyncState {
  private configMap?: V1ConfigMap;
  private loaded = false;

  constructor(
    private readonly core: CoreV1Api,
    readonly namespace: string,
    readonly name: string = STATE_CONFIG_MAP,
  ) {}

  /** Reads the state once; later calls answer from memory. Throws when the cluster is down. */
  async lastAppliedCommit(): Promise<string | undefined> {
    if (!this.loaded) {
      await this.read();
      this.loaded = true;
    }
    return this.configMap?.data?.[STATE_KEYS.lastAppliedCommit];
  }

  /** Records the commit applied. Throws when the cluster is down or refuses. */
  async recordApplied(commit: string, branch: string): Promise<void> {
    if ((await this.lastAppliedCommit()) === commit) {
      return;
    }
    const data = {
      [STATE_KEYS.lastAppliedCommit]: commit,
      [STATE_KEYS.branch]: branch,
    };
    try {
      await this.write(data);
    } catch (error) {
      // Changed or removed by someone else since it was read: read it again.
      if (!['NOT_FOUND', 'CONFLICT'].includes(toKubernetesError(error).type)) {
        throw error;
      }
      await this.read();
      await this.write(data);
    }
  }

  private async read() {
    try {
      this.configMap = await this.core.readNamespacedConfigMap({
        namespace: this.namespace,
        name: this.name,
      });
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
      this.configMap = undefined;
    }
  }

  private async write(data: Record<string, string>) {
    const existing = this.configMap;
    this.configMap = existing
      ? await this.core.replaceNamespacedConfigMap({
          namespace: this.namespace,
          name: this.name,
          body: { ...existing, data: { ...existing.data, ...data } },
        })
      : await this.core.createNamespacedConfigMap({
          namespace: this.namespace,
          body: {
            metadata: {
              name: this.name,
              namespace: this.namespace,
              labels: { [MANAGED_BY_LABEL]: FIELD_MANAGER },
            },
            data,
          },
        });
  }
}
