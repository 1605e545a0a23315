import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  apiResourceOf,
  GITOPS_FILE_LIMITS,
  isGitopsManifestPath,
  KINDS,
  KubernetesKind,
  MESHIFI_API_VERSION,
  printablePath,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { toKubernetesError } from '@meshifi/node/kubernetes';
import { Logger } from '@meshifi/daemon';
import { SyncEvents } from './events';
import {
  describeObject,
  DesiredObject,
  FIELD_MANAGER,
  GITOPS_PATH_ANNOTATION,
  MANAGED_BY_LABEL,
  ManifestKind,
  readManifest,
} from './manifests';
import { SyncState } from './state';

export interface GitOpsSyncOptions {
  /**
   * The GitOps repository, made with `fullHistory: true`: the loop checks
   * that each new head descends from the last one it applied, which a
   * shallow mirror cannot tell.
   */
  repository: GitOpsRepository;
  kubeConfig: KubeConfig;
  logger: Logger;
  /** The wait between two passes of the loop. Default 2 s. */
  intervalMs?: number;
  /**
   * The loop's own namespace: its state ConfigMap (the last commit applied)
   * and its Events about that state. Default `default`.
   */
  namespace?: string;
  /**
   * The largest share, in percent, of the objects the loop applied that one
   * pass may prune; a pass that would prune more prunes nothing. Pruning
   * {@link ALWAYS_PRUNABLE} objects or fewer is always allowed. Default 25.
   */
  maxPrunePercent?: number;
  /**
   * A head the operator accepts as it is: applied even if it does not
   * descend from the last commit applied, and pruned even beyond
   * `maxPrunePercent`. The full commit id.
   */
  acceptHead?: string;
}

/** So many objects may always be pruned in one pass, whatever the share. */
export const ALWAYS_PRUNABLE = 2;

/** The default of {@link GitOpsSyncOptions.maxPrunePercent}. */
export const DEFAULT_MAX_PRUNE_PERCENT = 25;

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
  /**
   * Objects whose file is gone but that were not pruned: a domain some
   * product still uses, or everything when the pass would prune too much.
   */
  kept: string[];
  /** Why nothing was pruned: the pass would prune more than allowed. */
  pruneHeld?: string;
  /**
   * Why the head was not applied (it does not descend from the last commit
   * applied): nothing was applied or pruned.
   */
  refused?: string;
  /** Why the pass stopped early: the repository or the cluster is down. */
  unavailable?: string;
}

/** An object the sync loop applied earlier, as the cluster has it. */
interface AppliedObject {
  kind: ManifestKind;
  name: string;
  namespace?: string;
  uid?: string;
  file?: string;
  deleting: boolean;
}

const MANIFEST_KINDS: Record<ManifestKind, KubernetesKind> = {
  DataDomain: KINDS.dataDomain,
  DataProduct: KINDS.dataProduct,
};

/** Domains first: they compose the namespaces their products live in. */
const APPLY_ORDER: ManifestKind[] = ['DataDomain', 'DataProduct'];

/**
 * A GitOps engine for meshifi's repository, as Argo CD or Flux would run
 * it: every pass it fetches the branch and, when the commit changed or an
 * object it applied is missing from the cluster, applies every manifest
 * with server-side apply — DataDomains first, then DataProducts — marked
 * with a managed-by label and the annotation of its file. It prunes the
 * objects it applied whose file is gone.
 *
 * Every file is read with meshifi's one rule for GitOps content
 * (`readGitopsFile`): a broken file is logged with its path and skipped
 * (what it applied before stays). A product whose namespace does not exist
 * yet (its DataDomain composes it) waits for a later pass; the repository
 * or the cluster being down ends the pass, to be tried again on the next.
 * Nothing here ends the loop.
 *
 * Many teams write to the repository, so the loop also refuses to:
 * - apply a head that does not descend from the last commit it applied (a
 *   force-push or a reset), until an operator accepts it (`acceptHead`); the
 *   last commit applied is kept in a ConfigMap, across restarts;
 * - prune a DataDomain while any DataProduct lives in its namespace;
 * - prune more than `maxPrunePercent` of what it applied in one pass.
 * Each is logged once and emitted as a Kubernetes Event once per commit.
 */
export class GitOpsSync {
  private readonly api: CustomObjectsApi;
  private readonly state: SyncState;
  private readonly events: SyncEvents;
  private commit?: string;
  private desired: DesiredObject[] = [];
  private broken = new Map<string, string>();
  /** Objects of the current commit not applied yet. */
  private unapplied = new Set<string>();
  /** What was logged for the current commit, so that a retry is not logged again. */
  private logged = new Set<string>();
  /** The last head refused, and why: it is not checked again every pass. */
  private refusal?: { head: string; message: string };
  private outage?: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(private readonly options: GitOpsSyncOptions) {
    this.api = options.kubeConfig.makeApiClient(CustomObjectsApi);
    const core = options.kubeConfig.makeApiClient(CoreV1Api);
    this.state = new SyncState(core, options.namespace ?? 'default');
    this.events = new SyncEvents(core, message =>
      this.logOnce('warn', message),
    );
  }

  /** Runs a pass now and then every interval, until stop(). */
  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    const pass = async () => {
      this.running = this.syncOnce().catch(error =>
        this.options.logger.error(
          `sync pass failed: ${toKubernetesError(error).message}`,
        ),
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

  /** One pass: fetch, check the head, apply what is needed, prune what is gone. */
  async syncOnce(): Promise<SyncOutcome> {
    const outcome: SyncOutcome = {
      applied: [],
      waiting: [],
      failed: [],
      broken: [],
      pruned: [],
      kept: [],
    };
    const { repository } = this.options;
    const unavailable = (problem: string) => {
      outcome.unavailable = problem;
      this.reportOutage(problem);
      return outcome;
    };
    const repositoryDown = (error: unknown) =>
      unavailable(
        `cannot read the GitOps repository ${repository.remote}: ${
          toKubernetesError(error).message
        }`,
      );
    const clusterDown = (error: unknown) =>
      unavailable(
        `cannot reach the cluster: ${toKubernetesError(error).message}`,
      );

    let commit: string;
    try {
      commit = await repository.fetch();
    } catch (error) {
      return repositoryDown(error);
    }
    let lastApplied: string | undefined;
    try {
      lastApplied = await this.state.lastAppliedCommit();
    } catch (error) {
      return unavailable(
        `cannot read the last commit applied from the ConfigMap ${
          this.state.namespace
        }/${this.state.name}: ${toKubernetesError(error).message}`,
      );
    }
    if (commit !== this.commit) {
      let refusal: string | undefined;
      try {
        refusal = await this.refusalOf(commit, lastApplied);
        if (!refusal) {
          await this.read(commit);
        }
      } catch (error) {
        return repositoryDown(error);
      }
      if (refusal) {
        this.reportOutage(undefined);
        outcome.commit = commit;
        outcome.refused = refusal;
        this.logOnce('warn', refusal);
        await this.events.emit({
          reason: 'NonDescendantHead',
          commit,
          involvedObject: this.stateReference(),
          message: refusal,
        });
        return outcome;
      }
    }
    outcome.commit = commit;
    outcome.broken = [...this.broken.keys()];

    let applied: AppliedObject[];
    try {
      applied = await this.listApplied();
    } catch (error) {
      return clusterDown(error);
    }
    try {
      await this.state.recordApplied(commit, repository.branch);
    } catch (error) {
      return unavailable(
        `cannot record the commit applied in the ConfigMap ${
          this.state.namespace
        }/${this.state.name}: ${toKubernetesError(error).message}`,
      );
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
    await this.prune(applied, outcome);
    return outcome;
  }

  /** Whether the operator accepted this head as it is. */
  private accepted(head: string | undefined): boolean {
    const { acceptHead } = this.options;
    return Boolean(
      head && acceptHead && acceptHead.toLowerCase() === head.toLowerCase(),
    );
  }

  /**
   * Why a new head may not be applied: it does not descend from the last
   * commit applied (a force-push or a reset), and the operator did not
   * accept it. Undefined when it may.
   */
  private async refusalOf(
    head: string,
    lastApplied: string | undefined,
  ): Promise<string | undefined> {
    if (this.refusal?.head === head) {
      return this.refusal.message;
    }
    if (!lastApplied || lastApplied === head) {
      return undefined;
    }
    const { repository } = this.options;
    // Anyone who can edit the ConfigMap can write anything there.
    const valid = /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(lastApplied);
    if (valid && (await repository.isAncestor(lastApplied, head))) {
      return undefined;
    }
    const last = valid
      ? `${lastApplied}, the last commit applied`
      : `the last commit applied, which the ConfigMap ${this.state.namespace}/${
          this.state.name
        } does not hold as a commit id ("${printablePath(
          lastApplied.slice(0, 80),
        )}")`;
    if (this.accepted(head)) {
      this.options.logger.warn(
        `applying ${head}, which does not descend from ${last}: accepted by the operator (--accept-head)`,
      );
      return undefined;
    }
    const message = `not applying ${head}, the head of ${repository.branch}: it does not descend from ${last}, so the branch was force-pushed or reset. Nothing is applied or pruned until an operator has checked the new history and accepts it with --accept-head ${head}`;
    this.refusal = { head, message };
    return message;
  }

  /** The state ConfigMap, which the loop's Events about its state are about. */
  private stateReference() {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: this.state.name,
      namespace: this.state.namespace,
    };
  }

  /** Reads every manifest of a commit; a broken file is logged once. */
  private async read(commit: string) {
    const { repository, logger } = this.options;
    const files = (await repository.listFiles(commit)).filter(
      isGitopsManifestPath,
    );
    // Paths with control characters and files over the limit are not read.
    const { contents, refused } = await repository.readFiles(commit, files, {
      maxBytes: GITOPS_FILE_LIMITS.maxBytes,
    });
    const desired = new Map<string, DesiredObject>();
    const broken = new Map<string, string>();
    for (const file of [...files].sort()) {
      const reason = refused.get(file);
      const content = contents.get(file);
      if (reason !== undefined || content === undefined) {
        broken.set(
          file,
          `${printablePath(file)} was not read: ${
            reason ?? 'it is not a regular file'
          }`,
        );
        continue;
      }
      const read = readManifest(file, content);
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
            ...apiResourceOf(MANIFEST_KINDS[kind]),
            labelSelector: `${MANAGED_BY_LABEL}=${FIELD_MANAGER}`,
          });
          return { kind, items: list.items as AppliedItem[] };
        } catch (error) {
          // The kind is not served yet (Crossplane makes the XR CRDs): none applied.
          if (toKubernetesError(error).type === 'NOT_FOUND') {
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
        uid: item.metadata.uid,
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
      ...apiResourceOf(MANIFEST_KINDS[object.kind]),
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
      const failure = toKubernetesError(error);
      if (failure.statusCode === undefined) {
        this.reportOutage(`cannot reach the cluster: ${failure.message}`);
        return 'failed';
      }
      if (
        failure.type === 'NOT_FOUND' &&
        failure.details?.kind === 'namespaces'
      ) {
        this.logOnce(
          'info',
          `${object.file}: waiting for the namespace ${object.namespace} (its DataDomain composes it)`,
        );
        return 'waiting';
      }
      this.logOnce(
        'warn',
        `cannot apply ${object.file} (${key}), will try again: ${failure.message}`,
      );
      return 'failed';
    }
  }

  /**
   * Deletes what the loop applied earlier and no file asks for any more:
   * products before domains (deleting a domain deletes its namespace). An
   * object whose file is still there but broken is kept; so is a domain
   * while any product lives in its namespace, and everything when the pass
   * would prune more than the limit.
   */
  private async prune(applied: AppliedObject[], outcome: SyncOutcome) {
    const wanted = new Set(this.desired.map(describeObject));
    const gone: AppliedObject[] = [];
    for (const object of applied) {
      const key = describeObject(object);
      if (wanted.has(key) || object.deleting) {
        continue;
      }
      if (object.file && this.broken.has(object.file)) {
        this.logOnce(
          'info',
          `keeping ${key}: its file ${printablePath(object.file)} is broken`,
        );
        continue;
      }
      gone.push(object);
    }
    if (gone.length === 0) {
      return;
    }
    const held = this.pruneLimitProblem(
      gone,
      applied.filter(o => !o.deleting).length,
    );
    if (held) {
      outcome.kept.push(...gone.map(describeObject));
      outcome.pruneHeld = held;
      this.logOnce('warn', held);
      await this.events.emit({
        reason: 'PruneLimitExceeded',
        commit: this.commit!,
        involvedObject: this.stateReference(),
        message: held,
      });
      return;
    }
    for (const kind of [...APPLY_ORDER].reverse()) {
      for (const object of gone.filter(o => o.kind === kind)) {
        const key = describeObject(object);
        if (kind === 'DataDomain' && (await this.domainStillUsed(object))) {
          outcome.kept.push(key);
          continue;
        }
        try {
          await this.delete(object);
          outcome.pruned.push(key);
          this.options.logger.info(
            `pruned ${key}: ${
              object.file ? printablePath(object.file) : 'its file'
            } is gone`,
          );
        } catch (error) {
          this.logOnce(
            'warn',
            `cannot prune ${key}, will try again: ${
              toKubernetesError(error).message
            }`,
          );
        }
      }
    }
  }

  /** Why pruning these objects now is too much, or undefined when it is not. */
  private pruneLimitProblem(
    gone: AppliedObject[],
    total: number,
  ): string | undefined {
    const max = this.options.maxPrunePercent ?? DEFAULT_MAX_PRUNE_PERCENT;
    if (
      gone.length <= ALWAYS_PRUNABLE ||
      gone.length * 100 <= max * total ||
      this.accepted(this.commit)
    ) {
      return undefined;
    }
    const shown = gone.slice(0, 10).map(describeObject).join(', ');
    const more = gone.length > 10 ? ` and ${gone.length - 10} more` : '';
    return `not pruning anything: commit ${this.commit} would prune ${
      gone.length
    } of the ${total} objects the loop applied (${Math.round(
      (gone.length * 100) / total,
    )}%), more than the ${max}% allowed (--max-prune-percent): ${shown}${more}. If that is meant, accept the head with --accept-head ${
      this.commit
    }; otherwise restore the files`;
  }

  /**
   * Whether a DataDomain must stay because DataProducts live in its
   * namespace, whoever applied them: deleting the domain deletes the
   * namespace, and every product in it.
   */
  private async domainStillUsed(domain: AppliedObject): Promise<boolean> {
    const key = describeObject(domain);
    let products: { name: string; deleting: boolean }[];
    try {
      products = await this.productsIn(domain.name);
    } catch (error) {
      this.logOnce(
        'warn',
        `keeping ${key}: cannot tell whether products still live in its namespace: ${
          toKubernetesError(error).message
        }`,
      );
      return true;
    }
    if (products.length === 0) {
      return false;
    }
    const used = products.filter(p => !p.deleting);
    if (used.length === 0) {
      this.logOnce(
        'info',
        `keeping ${key} until its products are deleted: ${products
          .map(p => `${domain.name}/${p.name}`)
          .join(', ')}`,
      );
      return true;
    }
    const names = used.map(p => `${domain.name}/${p.name}`);
    const shown = names.slice(0, 10).join(', ');
    const more = names.length > 10 ? ` and ${names.length - 10} more` : '';
    const message = `keeping ${key} although ${
      domain.file ? printablePath(domain.file) : 'its file'
    } is gone: the DataProducts ${shown}${more} still live in its namespace, and deleting the domain would delete its namespace with them. Remove or move those products first`;
    this.logOnce('warn', message);
    await this.events.emit({
      reason: 'DomainStillUsed',
      commit: this.commit!,
      involvedObject: {
        apiVersion: MESHIFI_API_VERSION,
        kind: 'DataDomain',
        name: domain.name,
        ...(domain.uid ? { uid: domain.uid } : {}),
      },
      message,
    });
    return true;
  }

  /** Every DataProduct in a namespace, whoever applied it. */
  private async productsIn(
    namespace: string,
  ): Promise<{ name: string; deleting: boolean }[]> {
    try {
      const list = await this.api.listNamespacedCustomObject({
        ...apiResourceOf(KINDS.dataProduct),
        namespace,
      });
      return (list.items as AppliedItem[]).map(item => ({
        name: item.metadata.name,
        deleting: Boolean(item.metadata.deletionTimestamp),
      }));
    } catch (error) {
      // The kind is not served: there are no products.
      if (toKubernetesError(error).type === 'NOT_FOUND') {
        return [];
      }
      throw error;
    }
  }

  private async delete(object: AppliedObject) {
    const where = {
      ...apiResourceOf(MANIFEST_KINDS[object.kind]),
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
      if (toKubernetesError(error).type !== 'NOT_FOUND') {
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
    uid?: string;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
  };
}
