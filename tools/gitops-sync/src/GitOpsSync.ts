import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  isGitopsManifestPath,
  MESHIFI_GROUP,
  MESHIFI_VERSION,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { Logger } from '@meshifi/node/daemon';
import {
  describeObject,
  DesiredObject,
  FIELD_MANAGER,
  GITOPS_PATH_ANNOTATION,
  MANAGED_BY_LABEL,
  ManifestKind,
  readManifest,
} from './manifests';

export interface GitOpsSyncOptions {
  repository: GitOpsRepository;
  kubeConfig: KubeConfig;
  logger: Logger;
  /** The wait between two passes of the loop. Default 2 s. */
  intervalMs?: number;
}

/** What one pass did, by file (for tests and logs). */
export interface SyncOutcome {
  /** The commit read, unless the repository could not be reached. */
  commit?: string;
  applied: string[];
  /** Products whose namespace (composed by their domain) does not exist yet. */
  waiting: string[];
  /** Files the API server refused, or that the cluster was down for. */
  failed: string[];
  /** Files that are not a valid meshifi manifest. */
  broken: string[];
  /** Objects deleted because their file is gone. */
  pruned: string[];
  /** Why the pass stopped early: the repository or the cluster is down. */
  unavailable?: string;
}

/** An object the sync loop applied earlier, as the cluster has it. */
interface AppliedObject {
  kind: ManifestKind;
  name: string;
  namespace?: string;
  file?: string;
  deleting: boolean;
}

const PLURALS: Record<ManifestKind, string> = {
  DataDomain: 'datadomains',
  DataProduct: 'dataproducts',
};

/** Domains first: they compose the namespaces their products live in. */
const APPLY_ORDER: ManifestKind[] = ['DataDomain', 'DataProduct'];

/** The Kubernetes Status of a failed request, if the API server answered. */
function statusOf(
  error: unknown,
): { code: number; message: string; details?: { kind?: string } } | undefined {
  const { code, body } = (error ?? {}) as { code?: unknown; body?: unknown };
  if (typeof code !== 'number') {
    return undefined;
  }
  try {
    const status = JSON.parse(String(body));
    return { code, message: status.message ?? String(body), ...status };
  } catch {
    return { code, message: String(body) };
  }
}

const errorMessage = (error: unknown) =>
  statusOf(error)?.message ??
  (error instanceof Error ? error.message.split('\n')[0] : String(error));

/**
 * A GitOps engine for meshifi's repository, as Argo CD or Flux would run
 * it: every pass it fetches the branch and, when the commit changed or an
 * object it applied is missing from the cluster, applies every manifest
 * with server-side apply — DataDomains first, then DataProducts — marked
 * with a managed-by label and the annotation of its file. It prunes the
 * objects it applied whose file is gone.
 *
 * A product whose namespace does not exist yet (its DataDomain composes it)
 * waits for a later pass; a broken file is logged with its path and skipped
 * (what it applied before stays); the repository or the cluster being down
 * ends the pass, to be tried again on the next. Nothing here ends the loop.
 */
export class GitOpsSync {
  private readonly api: CustomObjectsApi;
  private commit?: string;
  private desired: DesiredObject[] = [];
  private broken = new Map<string, string>();
  /** Objects of the current commit not applied yet. */
  private unapplied = new Set<string>();
  /** What was logged for the current commit, so that a retry is not logged again. */
  private logged = new Set<string>();
  private outage?: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(private readonly options: GitOpsSyncOptions) {
    this.api = options.kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** Runs a pass now and then every interval, until stop(). */
  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    const pass = async () => {
      this.running = this.syncOnce().catch(error =>
        this.options.logger.error(`sync pass failed: ${errorMessage(error)}`),
      );
      await this.running;
      if (!this.stopped) {
        this.timer = setTimeout(pass, this.options.intervalMs ?? 2000);
      }
    };
    pass();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: fetch, apply what is needed, prune what is gone. */
  async syncOnce(): Promise<SyncOutcome> {
    const outcome: SyncOutcome = {
      applied: [],
      waiting: [],
      failed: [],
      broken: [],
      pruned: [],
    };
    const { repository } = this.options;
    let commit: string;
    try {
      commit = await repository.fetch();
      if (commit !== this.commit) {
        await this.read(commit);
      }
    } catch (error) {
      outcome.unavailable = `cannot read the GitOps repository ${
        repository.remote
      }: ${errorMessage(error)}`;
      this.reportOutage(outcome.unavailable);
      return outcome;
    }
    outcome.commit = commit;
    outcome.broken = [...this.broken.keys()];

    let applied: AppliedObject[];
    try {
      applied = await this.listApplied();
    } catch (error) {
      outcome.unavailable = `cannot reach the cluster: ${errorMessage(error)}`;
      this.reportOutage(outcome.unavailable);
      return outcome;
    }
    this.reportOutage(undefined);

    const present = new Set(applied.map(describeObject));
    for (const kind of APPLY_ORDER) {
      for (const object of this.desired.filter(o => o.kind === kind)) {
        const key = describeObject(object);
        if (this.unapplied.has(key) || !present.has(key)) {
          const result = await this.apply(object);
          outcome[result].push(object.file);
          if (result === 'failed' && this.outage) {
            outcome.unavailable = this.outage;
            return outcome;
          }
        }
      }
    }
    outcome.pruned = await this.prune(applied);
    return outcome;
  }

  /** Reads every manifest of a commit; a broken file is logged once. */
  private async read(commit: string) {
    const { repository, logger } = this.options;
    const files = (await repository.listFiles(commit)).filter(
      isGitopsManifestPath,
    );
    const contents = await repository.readFiles(commit, files);
    const desired = new Map<string, DesiredObject>();
    const broken = new Map<string, string>();
    for (const file of files.sort()) {
      const read = readManifest(file, contents.get(file) ?? '');
      if (!read.ok) {
        broken.set(file, read.message);
        continue;
      }
      const key = describeObject(read.object);
      const first = desired.get(key);
      if (first) {
        broken.set(
          file,
          `${file}: defines ${key}, which ${first.file} already defines: skipped`,
        );
        continue;
      }
      desired.set(key, read.object);
    }
    this.commit = commit;
    this.desired = [...desired.values()];
    this.broken = broken;
    this.unapplied = new Set(desired.keys());
    this.logged.clear();
    logger.info(
      `commit ${commit.slice(0, 12)}: ${this.desired.length} manifests, ${
        broken.size
      } broken`,
    );
    for (const message of broken.values()) {
      logger.warn(`skipping a broken file: ${message}`);
    }
  }

  private async listApplied(): Promise<AppliedObject[]> {
    const lists = await Promise.all(
      APPLY_ORDER.map(async kind => {
        try {
          const list = await this.api.listClusterCustomObject({
            group: MESHIFI_GROUP,
            version: MESHIFI_VERSION,
            plural: PLURALS[kind],
            labelSelector: `${MANAGED_BY_LABEL}=${FIELD_MANAGER}`,
          });
          return { kind, items: list.items as AppliedItem[] };
        } catch (error) {
          // The kind is not served yet (Crossplane makes the XR CRDs): none applied.
          if (statusOf(error)?.code === 404) {
            return { kind, items: [] };
          }
          throw error;
        }
      }),
    );
    return lists.flatMap(({ kind, items }) =>
      items.map(item => ({
        kind,
        name: item.metadata.name,
        namespace: item.metadata.namespace,
        file: item.metadata.annotations?.[GITOPS_PATH_ANNOTATION],
        deleting: Boolean(item.metadata.deletionTimestamp),
      })),
    );
  }

  private async apply(
    object: DesiredObject,
  ): Promise<'applied' | 'waiting' | 'failed'> {
    const key = describeObject(object);
    const where = {
      group: MESHIFI_GROUP,
      version: MESHIFI_VERSION,
      plural: PLURALS[object.kind],
      name: object.name,
      body: object.body,
      fieldManager: FIELD_MANAGER,
      force: true,
    };
    const serverSideApply = setHeaderOptions(
      'Content-Type',
      PatchStrategy.ServerSideApply,
    );
    try {
      if (object.namespace) {
        await this.api.patchNamespacedCustomObject(
          { ...where, namespace: object.namespace },
          serverSideApply,
        );
      } else {
        await this.api.patchClusterCustomObject(where, serverSideApply);
      }
      this.unapplied.delete(key);
      this.options.logger.info(`applied ${object.file} (${key})`);
      return 'applied';
    } catch (error) {
      const status = statusOf(error);
      if (!status) {
        this.reportOutage(`cannot reach the cluster: ${errorMessage(error)}`);
        return 'failed';
      }
      if (status.code === 404 && status.details?.kind === 'namespaces') {
        this.logOnce(
          'info',
          `${object.file}: waiting for the namespace ${object.namespace} (its DataDomain composes it)`,
        );
        return 'waiting';
      }
      this.logOnce(
        'warn',
        `cannot apply ${object.file} (${key}), will try again: ${status.message}`,
      );
      return 'failed';
    }
  }

  /**
   * Deletes what the loop applied earlier and no file asks for any more:
   * products before domains (deleting a domain deletes its namespace). An
   * object whose file is still there but broken is kept.
   */
  private async prune(applied: AppliedObject[]): Promise<string[]> {
    const wanted = new Set(this.desired.map(describeObject));
    const pruned: string[] = [];
    for (const kind of [...APPLY_ORDER].reverse()) {
      for (const object of applied.filter(o => o.kind === kind)) {
        const key = describeObject(object);
        if (wanted.has(key) || object.deleting) {
          continue;
        }
        if (object.file && this.broken.has(object.file)) {
          this.logOnce(
            'info',
            `keeping ${key}: its file ${object.file} is broken`,
          );
          continue;
        }
        try {
          await this.delete(object);
          pruned.push(key);
          this.options.logger.info(
            `pruned ${key}: ${object.file ?? 'its file'} is gone`,
          );
        } catch (error) {
          this.logOnce(
            'warn',
            `cannot prune ${key}, will try again: ${errorMessage(error)}`,
          );
        }
      }
    }
    return pruned;
  }

  private async delete(object: AppliedObject) {
    const where = {
      group: MESHIFI_GROUP,
      version: MESHIFI_VERSION,
      plural: PLURALS[object.kind],
      name: object.name,
    };
    try {
      if (object.namespace) {
        await this.api.deleteNamespacedCustomObject({
          ...where,
          namespace: object.namespace,
        });
      } else {
        await this.api.deleteClusterCustomObject(where);
      }
    } catch (error) {
      if (statusOf(error)?.code !== 404) {
        throw error;
      }
    }
  }

  /** Logs when an outage starts and when it ends, not at every retry. */
  private reportOutage(problem: string | undefined) {
    if (problem && !this.outage) {
      this.options.logger.warn(`${problem}; trying again every pass`);
    } else if (!problem && this.outage) {
      this.options.logger.info('the repository and the cluster answer again');
    }
    this.outage = problem;
  }

  private logOnce(level: 'info' | 'warn', message: string) {
    if (!this.logged.has(message)) {
      this.logged.add(message);
      this.options.logger[level](message);
    }
  }
}

interface AppliedItem {
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
  };
}
