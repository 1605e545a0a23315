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
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { isGitopsManifestPath, MESHIFI_ANNOTATIONS } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { parseAllDocuments } from 'yaml';
import {
  invalidManifestEntity,
  isMeshifiManifest,
  manifestToEntities,
} from './manifestToEntities';

export interface GitOpsEntityProviderOptions {
  repository: GitOpsRepository;
  logger: LoggerService;
  /** Runs refresh() on a schedule; absent in tests that call it directly. */
  schedule?: SchedulerServiceTaskRunner;
  defaultOwner?: string;
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
 * DataDomain file becomes its entities. The first refresh applies a full
 * mutation; later ones read only the files changed since the last commit
 * seen and apply a delta. A file that cannot be read becomes an entity that
 * fails validation with the reason, so that it shows in the catalog's
 * processing errors while every other file keeps flowing.
 */
export class GitOpsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastCommit?: string;
  /** The entities each file gave at the last commit seen. */
  private entitiesByFile = new Map<string, Entity[]>();
  /** What the catalog was last given, by entity ref. */
  private resolved = new Map<string, { entity: Entity; hash: string }>();

  constructor(private readonly options: GitOpsEntityProviderOptions) {}

  getProviderName(): string {
    return 'meshifi-gitops';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.schedule?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn(
            `Could not read the GitOps repository: ${error}`,
          );
        }
      },
    });
  }

  async refresh(): Promise<RefreshOutcome> {
    if (!this.connection) {
      throw new Error('GitOpsEntityProvider is not connected yet');
    }
    const { repository } = this.options;
    const commit = await repository.fetch();
    if (commit === this.lastCommit) {
      return { type: 'unchanged', commit, filesRead: 0, added: 0, removed: 0 };
    }
    const full =
      !this.lastCommit || !(await repository.hasCommit(this.lastCommit));
    const filesRead = full
      ? await this.readAll(commit)
      : await this.readChanges(this.lastCommit!, commit);
    const next = this.resolve();
    const locationKey = this.locationKey();
    if (full) {
      await this.connection.applyMutation({
        type: 'full',
        entities: [...next.values()].map(({ entity }) => ({
          entity,
          locationKey,
        })),
      });
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

  private async readAll(commit: string): Promise<number> {
    const files = (await this.options.repository.listFiles(commit)).filter(
      isGitopsManifestPath,
    );
    const contents = await this.options.repository.readFiles(commit, files);
    this.entitiesByFile = new Map(
      files.map(f => [f, this.entitiesOf(f, contents.get(f) ?? '')]),
    );
    return files.length;
  }

  private async readChanges(from: string, to: string): Promise<number> {
    const changes = await this.options.repository.changes(from, to);
    const changed = changes.changed.filter(isGitopsManifestPath);
    const contents = await this.options.repository.readFiles(to, changed);
    for (const file of changes.deleted) {
      this.entitiesByFile.delete(file);
    }
    for (const file of changed) {
      this.entitiesByFile.set(
        file,
        this.entitiesOf(file, contents.get(file) ?? ''),
      );
    }
    return changed.length;
  }

  /**
   * Every entity of every file, by ref. When two files define the same
   * product or domain, the first file (by path) keeps it and the other
   * becomes a processing error naming both.
   */
  private resolve(): Map<string, { entity: Entity; hash: string }> {
    const result = new Map<string, { entity: Entity; hash: string }>();
    const fileOfRef = new Map<string, string>();
    for (const file of [...this.entitiesByFile.keys()].sort()) {
      let entities = this.entitiesByFile.get(file)!;
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
      for (const entity of entities) {
        const ref = stringifyEntityRef(entity);
        fileOfRef.set(ref, file);
        result.set(ref, { entity, hash: JSON.stringify(entity) });
      }
    }
    return result;
  }

  private locationKey() {
    return `${this.getProviderName()}:${this.options.repository.remote}`;
  }

  private entitiesOf(file: string, content: string): Entity[] {
    const location = `url:${this.options.repository.remote}/${file}`;
    const annotations = {
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: location,
      [MESHIFI_ANNOTATIONS.gitopsPath]: file,
      [MESHIFI_ANNOTATIONS.source]: 'gitops',
    };
    const problem = (message: string) => [
      invalidManifestEntity(file, message, annotations),
    ];
    const documents = parseAllDocuments(content);
    const broken = documents.find(d => d.errors.length > 0);
    if (broken) {
      return problem(`${file} is not valid YAML: ${broken.errors[0].message}`);
    }
    if (documents.length !== 1 || !isMeshifiManifest(documents[0].toJS())) {
      return problem(
        `${file} must hold exactly one meshifi DataProduct or DataDomain (apiVersion meshifi.io/v1alpha1).`,
      );
    }
    const converted = manifestToEntities(documents[0].toJS(), {
      defaultOwner: this.options.defaultOwner,
      annotations,
    });
    return converted.ok
      ? converted.entities
      : problem(`${file}: ${converted.message}`);
  }
}
