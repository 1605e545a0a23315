import {
  CompoundEntityRef,
  Entity,
  entityKindSchemaValidator,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  bigQueryConsoleUrl,
  CATALOG_API_VERSION,
  DataProductEntity,
  dataProductEntitySchema,
  MESHIFI_ANNOTATIONS,
  parseOwner,
  RELATION_CONSUMES_DATA,
  RELATION_DATA_CONSUMED_BY,
  serviceAccountConsoleUrl,
  serviceAccountEmail,
} from '@meshifi/common';
import { CatalogLookups } from './CatalogLookups';
import { portRelations } from './portRelations';

const validateDataProductEntity = entityKindSchemaValidator(
  dataProductEntitySchema,
);

export interface MeshifiEntityProcessorOptions {
  lookups: CatalogLookups;
  /** The GCP project of products without a domain (meshifi.platform.project). */
  platformProject?: string;
}

const isDataProduct = (entity: Entity): entity is Entity & DataProductEntity =>
  entity.apiVersion === CATALOG_API_VERSION && entity.kind === 'DataProduct';

/**
 * The references a product is related by, with the kind a bare name has.
 * The schema only says they are text: one that is no entity reference is
 * refused when validating, with what it should look like, rather than
 * failing later while its relations are emitted.
 */
const REFERENCES = {
  owner: { defaultKind: 'Group', example: 'group:default/sales-analytics' },
  domain: { defaultKind: 'Domain', example: 'sales' },
} as const;

function referenceOf(
  field: keyof typeof REFERENCES,
  value: string,
): CompoundEntityRef {
  try {
    return parseEntityRef(value, {
      defaultKind: REFERENCES[field].defaultKind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `/spec/${field} must be an entity reference such as ${
        REFERENCES[field].example
      }, not ${JSON.stringify(value)}`,
      error,
    );
  }
}

/**
 * A consumer of a product: a full entity reference, as the GitOps provider
 * writes it from the grant (consumerRefOf). A bare name is refused: whether
 * it is a user or a group is the grant's to say, not the processor's.
 */
function consumerReference(value: string): CompoundEntityRef {
  try {
    return parseEntityRef(value);
  } catch (error) {
    throw new InputError(
      `/spec/consumers must hold entity references such as group:default/marketing, not ${JSON.stringify(
        value,
      )}`,
      error,
    );
  }
}

/**
 * Validates DataProduct entities against their kind schema (and that their
 * owner, domain and consumers are entity references), and gives them
 * their relations and links: owned by their Backstage owner and by the
 * catalog users whose email is one of the product's IAM owners; part of their
 * domain; consumed by the consumers of its active grants (dataConsumedBy,
 * and consumesData the other way); providing the API entity of each output
 * port, consuming those of the tables it reads and depending on their
 * products (see portRelations); links to the BigQuery console for each
 * dataset.
 */
export class MeshifiEntityProcessor implements CatalogProcessor {
  constructor(private readonly options: MeshifiEntityProcessorOptions) {}

  getProcessorName(): string {
    return 'MeshifiEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    const invalid = entity.metadata.annotations?.[MESHIFI_ANNOTATIONS.invalid];
    if (invalid) {
      throw new InputError(invalid);
    }
    if (!isDataProduct(entity)) {
      return false;
    }
    if (validateDataProductEntity(entity) === false) {
      return false;
    }
    referenceOf('owner', entity.spec.owner);
    if (entity.spec.domain) {
      referenceOf('domain', entity.spec.domain);
    }
    entity.spec.consumers?.forEach(consumerReference);
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isDataProduct(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const relate = (
      type: string,
      reverse: string,
      target: CompoundEntityRef,
    ) => {
      emit(processingResult.relation({ source: self, type, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      );
    };

    const owners = new Set<string>([
      stringifyEntityRef(referenceOf('owner', entity.spec.owner)),
    ]);
    for (const owner of entity.spec.owners.map(parseOwner)) {
      if (owner.type !== 'user') {
        continue;
      }
      for (const user of await this.options.lookups.usersWithEmail(
        owner.email,
      )) {
        owners.add(user);
      }
    }
    for (const owner of owners) {
      relate(RELATION_OWNED_BY, RELATION_OWNER_OF, parseEntityRef(owner));
    }
    if (entity.spec.domain) {
      relate(
        RELATION_PART_OF,
        RELATION_HAS_PART,
        referenceOf('domain', entity.spec.domain),
      );
    }
    for (const consumer of entity.spec.consumers ?? []) {
      relate(
        RELATION_DATA_CONSUMED_BY,
        RELATION_CONSUMES_DATA,
        consumerReference(consumer),
      );
    }
    for (const { type, reverse, target } of portRelations(entity)) {
      relate(type, reverse, target);
    }
    return {
      ...entity,
      metadata: { ...entity.metadata, links: await this.links(entity) },
    };
  }

  private async links(entity: DataProductEntity) {
    const existing = entity.metadata.links ?? [];
    const project = entity.spec.domain
      ? await this.options.lookups.projectOfDomain(entity.spec.domain)
      : this.options.platformProject;
    if (!project) {
      return existing;
    }
    const email = serviceAccountEmail(entity.spec.serviceAccountId, project);
    return [
      ...existing,
      ...entity.spec.datasets.map(d => ({
        url: bigQueryConsoleUrl(project, d.datasetId),
        title: `BigQuery: ${d.datasetId}`,
        icon: 'dashboard',
        type: 'bigquery-dataset',
      })),
      {
        url: serviceAccountConsoleUrl(project, email),
        title: `Service account: ${email}`,
        icon: 'user',
        type: 'gcp-service-account',
      },
    ];
  }
}
