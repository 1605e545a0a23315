import {
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
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  DataAccess,
  isGitopsManifestPath,
  MESHIFI_ANNOTATIONS,
  printablePath,
  readGitopsFile,
} from '@meshifi/common';
import { EventsService } from '@backstage/plugin-events-node';
import { GitOpsRepository } from '@meshifi/node';
import {
  ProductConsumers,
  productConsumers,
  withConsumers,
} from './productConsumers';
import { announcesPushTo, PUSH_TOPICS } from './pushAnnouncements';
import {
  invalidManifestEntity,
  manifestToEntities,
} from './manifestToEntities';

export interface GitOpsEntityProviderOptions {
  repository: GitOpsRepository;
  logger: LoggerService;
  /** Runs refresh() on a schedule; absent in tests that call it directly. */
  schedule?: SchedulerServiceTaskRunner;
  defaultOwner?: string;
  /**
   * Refreshes at once when a push to the repository is announced: by
   * meshifi's publish action, or by a GitHub push webhook. The schedule
   * stays the safety net.
   */
  events?: EventsService;
  /**
   * A first read with more entities than this is added in slices of this
   * many before the full mutation (see `applyFull`); 1,000 unless given.
   */
  firstLoadSlice?: number;
  /** The clock grants' last days are read against; the system's unless given. */
  now?: () => Date;
}

const FIRST_LOAD_SLICE = 1_000;

/** What one file of the repository gave: its entities, or the access grant it holds. */
interface FileContent {
  entities: Entity[];
  grant?: DataAccess;
}

/** What one refresh did, for logs and tests. */
export interface RefreshOutcome {
  type: 'full' | 'delta' | 'unchanged';
  commit: string;
  filesRead: number;
  added: number;
  removed: number;
}

/**
 * Brings the GitOps repository into the catalog: every DataProduct and
 * DataDomain file becomes its entities, and every access grant (DataAccess)
 * adds its consumer to its product's spec.consumers until its last day
 * ends. The first refresh applies a full mutation; later ones read only the
 * files changed since the last commit seen and apply a delta, also when no
 * commit came but a grant ended. A file that cannot be read becomes an
 * entity that fails validation with the reason, so that it shows in the
 * catalog's processing errors while every other file keeps flowing.
 */
export class GitOpsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastCommit?: string;
  /** What each file gave at the last commit seen. */
  private contentByFile = new Map<string, FileContent>();
  /** When the first grant counted at the last resolve ends: the products change then. */
  private nextGrantEnd?: Date;
  /** What the catalog was last given, by entity ref. */
  private resolved = new Map<string, { entity: Entity; hash: string }>();
  /** The refresh under way, and whether another one was asked for meanwhile. */
  private refreshing?: Promise<void>;
  private refreshAgain = false;

  constructor(private readonly options: GitOpsEntityProviderOptions) {}

  getProviderName(): string {
    return 'meshifi-gitops';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { repository, events, schedule } = this.options;
    await events?.subscribe({
      id: `${this.getProviderName()}:refresh`,
      topics: PUSH_TOPICS,
      onEvent: async params => {
        if (announcesPushTo(params, repository)) {
          await this.requestRefresh();
        }
      },
    });
    await schedule?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.requestRefresh(),
    });
  }

  /**
   * Refreshes now or, when a refresh is under way, once more after it: a
   * burst of pushes costs two refreshes, not one each. Never throws: a
   * refresh that fails is logged, and the next poll tries again.
   */
  requestRefresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn(
            `Could not read the GitOps repository: ${error}`,
          );
        }
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  async refresh(): Promise<RefreshOutcome> {
    if (!this.connection) {
      throw new Error('GitOpsEntityProvider is not connected yet');
    }
    const { repository } = this.options;
    const commit = await repository.fetch();
    const now = this.options.now?.() ?? new Date();
    const moved = commit !== this.lastCommit;
    if (!moved && !this.grantEndedBy(now)) {
      return { type: 'unchanged', commit, filesRead: 0, added: 0, removed: 0 };
    }
    const full =
      !this.lastCommit || !(await repository.hasCommit(this.lastCommit));
    let filesRead = 0;
    if (full) {
      filesRead = await this.readAll(commit);
    } else if (moved) {
      filesRead = await this.readChanges(this.lastCommit!, commit);
    }
    const next = this.resolve(now);
    const locationKey = this.locationKey();
    if (full) {
      await this.applyFull(
        [...next.values()].map(({ entity }) => ({ entity, locationKey })),
      );
      this.resolved = next;
      this.lastCommit = commit;
      return { type: 'full', commit, filesRead, added: next.size, removed: 0 };
    }
    const added = [...next.entries()].filter(
      ([ref, { hash }]) => this.resolved.get(ref)?.hash !== hash,
    );
    const removed = [...this.resolved.keys()].filter(ref => !next.has(ref));
    await this.connection.applyMutation({
      type: 'delta',
      added: added.map(([, { entity }]) => ({ entity, locationKey })),
      removed: removed.map(entityRef => ({ entityRef, locationKey })),
    });
    this.resolved = next;
    this.lastCommit = commit;
    return {
      type: 'delta',
      commit,
      filesRead,
      added: added.length,
      removed: removed.length,
    };
  }

  /**
   * Gives the catalog every entity of the repository, and removes those it
   * no longer has. The catalog writes one mutation in one transaction: on
   * PostgreSQL a full mutation of 50,000 entities (10,000 products) held
   * every one of them back for almost four minutes. So a large first read
   * is added in slices, which the catalog processes while the next is
   * written, and the full mutation after them finds them unchanged and only
   * prunes what the repository no longer holds.
   */
  private async applyFull(entities: DeferredEntity[]) {
    const slice = this.options.firstLoadSlice ?? FIRST_LOAD_SLICE;
    if (entities.length > slice) {
      for (let start = 0; start < entities.length; start += slice) {
        await this.connection!.applyMutation({
          type: 'delta',
          added: entities.slice(start, start + slice),
          removed: [],
        });
      }
    }
    await this.connection!.applyMutation({ type: 'full', entities });
  }

  /** Whether a grant counted at the last resolve has ended since: its product loses the consumer. */
  private grantEndedBy(now: Date): boolean {
    return (
      this.nextGrantEnd !== undefined &&
      now.getTime() >= this.nextGrantEnd.getTime()
    );
  }

  private async readAll(commit: string): Promise<number> {
    const files = (await this.options.repository.listFiles(commit)).filter(
      isGitopsManifestPath,
    );
    this.contentByFile = await this.contentOfFiles(commit, files);
    return files.length;
  }

  private async readChanges(from: string, to: string): Promise<number> {
    const changes = await this.options.repository.changes(from, to);
    const changed = changes.changed.filter(isGitopsManifestPath);
    for (const file of changes.deleted) {
      this.contentByFile.delete(file);
    }
    for (const [file, content] of await this.contentOfFiles(to, changed)) {
      this.contentByFile.set(file, content);
    }
    return changed.length;
  }

  /** What each file gives; a file the repository refused to read is a processing error. */
  private async contentOfFiles(
    commit: string,
    files: string[],
  ): Promise<Map<string, FileContent>> {
    const { contents, refused } = await this.options.repository.readFiles(
      commit,
      files,
    );
    return new Map(
      files.map(file => {
        const reason = refused.get(file);
        return [
          file,
          reason === undefined
            ? this.contentOf(file, contents.get(file) ?? '')
            : {
                entities: [
                  this.problemEntity(file, `${printablePath(file)}: ${reason}`),
                ],
              },
        ];
      }),
    );
  }

  /**
   * Every entity of every file, by ref, each product with the consumers of
   * its grants that have not ended at `now`. When two files define the same
   * product or domain, the first file (by path) keeps it and the other
   * becomes a processing error naming both.
   */
  private resolve(now: Date): Map<string, { entity: Entity; hash: string }> {
    const consumers = this.consumersAt(now);
    this.nextGrantEnd = consumers.nextEnd;
    const result = new Map<string, { entity: Entity; hash: string }>();
    const fileOfRef = new Map<string, string>();
    for (const file of [...this.contentByFile.keys()].sort()) {
      let entities = this.contentByFile.get(file)!.entities;
      const clash = entities
        .map(e => stringifyEntityRef(e))
        .find(ref => fileOfRef.has(ref));
      if (clash) {
        entities = [
          invalidManifestEntity(
            file,
            `${file} defines ${clash}, which ${fileOfRef.get(
              clash,
            )} already defines: names must be unique, so rename or remove one of them.`,
            entities[0].metadata.annotations ?? {},
          ),
        ];
      }
      for (const read of entities) {
        const entity = withConsumers(read, consumers);
        const ref = stringifyEntityRef(entity);
        fileOfRef.set(ref, file);
        result.set(ref, { entity, hash: JSON.stringify(entity) });
      }
    }
    return result;
  }

  private consumersAt(now: Date): ProductConsumers {
    const grants = [...this.contentByFile.values()].flatMap(({ grant }) =>
      grant ? [grant] : [],
    );
    return productConsumers(grants, now);
  }

  private locationKey() {
    return `${this.getProviderName()}:${this.options.repository.remote}`;
  }

  /** Where an entity came from; the remote carries no credentials. */
  private locationAnnotations(file: string) {
    const location = `url:${this.options.repository.remote}/${printablePath(
      file,
    )}`;
    return {
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: location,
    };
  }

  /** Which file of the GitOps repository a product or domain is. */
  private fileAnnotations(file: string) {
    return {
      [MESHIFI_ANNOTATIONS.gitopsPath]: printablePath(file),
      [MESHIFI_ANNOTATIONS.source]: 'gitops',
    };
  }

  private problemEntity(file: string, message: string): Entity {
    return invalidManifestEntity(printablePath(file), message, {
      ...this.locationAnnotations(file),
      ...this.fileAnnotations(file),
    });
  }

  /**
   * A file's entities or grant, read with the one rule for GitOps files: a
   * file that breaks it (a shadowing path, an alias bomb, several
   * documents, a grant elsewhere than its product's domain) is one
   * processing error, and the other files keep flowing. A grant is no
   * entity of its own: it adds its consumer to its product (see resolve).
   */
  private contentOf(file: string, content: string): FileContent {
    const read = readGitopsFile(file, content);
    if (!read.ok) {
      return { entities: [this.problemEntity(file, read.message)] };
    }
    if (read.manifest.kind === 'DataAccess') {
      return { entities: [], grant: read.manifest };
    }
    const converted = manifestToEntities(read.manifest, {
      defaultOwner: this.options.defaultOwner,
      annotations: this.locationAnnotations(file),
      manifestAnnotations: this.fileAnnotations(file),
    });
    return {
      entities: converted.ok
        ? converted.entities
        : [
            this.problemEntity(
              file,
              `${printablePath(file)}: ${converted.message}`,
            ),
          ],
    };
  }
}
