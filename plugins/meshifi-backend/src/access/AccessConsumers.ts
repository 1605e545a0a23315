import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AccessConsumer,
  DataProduct,
  DataProductEntity,
  dataProductManifestOf,
  parseOwner,
} from '@meshifi/common';
import { CatalogPlanResolver } from '@meshifi/node';
import { parseRefInput } from './parseRefInput';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** The kinds of catalog entity access may be given to. */
const CONSUMER_KINDS = ['user', 'group', 'dataproduct'] as const;

/**
 * Whom a request gives access to, as IAM knows them, read from the catalog
 * with the requester's credentials: a user's or group's email, or another
 * data product's service account as the one placement names it.
 */
export class AccessConsumers {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      plans: CatalogPlanResolver;
    },
  ) {}

  /** The consumer as IAM knows them: a catalog user's or group's email, or a product's service account. */
  async resolve(
    ref: unknown,
    credentials: UserCredentials,
  ): Promise<AccessConsumer> {
    const parsed = parseRefInput(ref, 'user', 'consumer');
    const kind = parseEntityRef(parsed).kind.toLowerCase();
    if (!(CONSUMER_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(
        `${parsed} cannot be given access: pick a user, a group or a data product.`,
      );
    }
    const entity = await this.options.catalog.getEntityByRef(parsed, {
      credentials,
    });
    if (!entity) {
      throw new InputError(
        `${parsed} is not in the catalog: pick a user, a group or a data product the catalog knows.`,
      );
    }
    const entityRef = stringifyEntityRef(entity);
    if (kind === 'dataproduct') {
      const manifest = dataProductManifestOf(
        entity as unknown as DataProductEntity,
      );
      const { plan } = await this.options.plans.planManifest(manifest, {
        credentials,
      });
      if (!plan.serviceAccountEmail) {
        throw new InputError(
          `The data product ${entityRef} has no service account yet: ask again once it is provisioned.`,
        );
      }
      return {
        type: 'serviceAccount',
        email: plan.serviceAccountEmail,
        entityRef,
      };
    }
    const email = (entity.spec as { profile?: { email?: unknown } } | undefined)
      ?.profile?.email;
    if (typeof email !== 'string' || email.length === 0) {
      throw new InputError(
        `${entityRef} has no email in the catalog, so Google Cloud cannot be told who it is: ask the platform team to add it.`,
      );
    }
    return { type: kind === 'group' ? 'group' : 'user', email, entityRef };
  }

  /** Owners read every layer of their product already: a grant would add nothing. */
  async refuseOwner(
    manifest: DataProduct,
    consumer: AccessConsumer,
    credentials: UserCredentials,
  ) {
    const consumerRef = consumer.entityRef ?? consumer.email;
    const owners = manifest.spec.access.owners.map(parseOwner);
    const isOwner = (type: string, email: string) =>
      owners.some(
        o =>
          o.type === type &&
          o.email.toLocaleLowerCase('en-US') ===
            email.toLocaleLowerCase('en-US'),
      );
    if (isOwner(consumer.type, consumer.email)) {
      throw new InputError(
        `${consumerRef} owns ${manifest.spec.info.name} already and can read every layer of it: no access needs asking for.`,
      );
    }
    if (consumer.type !== 'user' || !consumer.entityRef) {
      return;
    }
    const user = await this.options.catalog.getEntityByRef(consumer.entityRef, {
      credentials,
    });
    const groups = (user?.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef);
    for (const group of groups) {
      const entity = await this.options.catalog.getEntityByRef(group, {
        credentials,
      });
      const email = (entity?.spec as { profile?: { email?: string } })?.profile
        ?.email;
      if (email && isOwner('group', email)) {
        throw new InputError(
          `${consumerRef} is in ${group}, which owns ${manifest.spec.info.name}, and can read every layer of it already: no access needs asking for.`,
        );
      }
    }
  }
}
