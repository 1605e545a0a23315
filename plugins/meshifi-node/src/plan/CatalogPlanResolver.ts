import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DataProduct,
  DataProductPlan,
  DataProductPlanRequest,
  formatOwner,
  MESHIFI_ANNOTATIONS,
  nameProblem,
  planDataProduct,
  PlannedDomain,
  PlannedInputs,
  PlannedOwners,
  PlatformConfig,
  UnresolvedOwner,
} from '@meshifi/common';
import { readPlatformConfig } from '../platformConfig';

/** A plan with what the catalog gave for it. */
export interface ResolvedPlan {
  plan: DataProductPlan;
  /** The domain's catalog entity, when it exists and the caller may read it. */
  domainEntity?: Entity;
  /**
   * The product's owner in Backstage: the first group picked, else the first
   * user; undefined when no user or group of the catalog was picked.
   */
  backstageOwner?: string;
}

const looksLikeEmail = (value: string) => /^[^\s@:/]+@[^\s@:/]+$/.test(value);

/** A full ref of a user or group, or undefined for anything else. */
function ownerRef(owner: string): string | undefined {
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
    const kind = ref.kind.toLowerCase();
    return kind === 'user' || kind === 'group'
      ? stringifyEntityRef({ ...ref, kind })
      : undefined;
  } catch {
    return undefined;
  }
}

/** The IAM owner an owner entity gives, or why it gives none. */
function ownerOf(
  owner: string,
  entity: Entity | undefined,
): string | UnresolvedOwner {
  if (!entity) {
    return { owner, reason: 'unknown' };
  }
  const kind = entity.kind.toLowerCase() === 'group' ? 'group' : 'user';
  const email = (entity.spec?.profile as { email?: unknown } | undefined)
    ?.email;
  if (typeof email !== 'string' || email === '') {
    const title = entity.metadata.title ?? entity.metadata.name;
    return { owner, reason: 'no-email', kind, title };
  }
  return formatOwner({ type: kind, email: email.toLowerCase() });
}

/**
 * The one place meshifi decides, from the software catalog, where a data
 * product goes and who may act for it: the domain entity's GCP project
 * (annotation `meshifi.io/gcp-project`) and each owner's profile email. It
 * reads with the caller's credentials, so a caller plans only with what they
 * may see; the plan itself is {@link planDataProduct}'s.
 *
 * @public
 */
export class CatalogPlanResolver {
  private readonly catalog: CatalogService;
  private readonly platform: PlatformConfig;

  static fromConfig(
    config: Config,
    options: { catalog: CatalogService },
  ): CatalogPlanResolver {
    return new CatalogPlanResolver({
      catalog: options.catalog,
      platform: readPlatformConfig(config),
    });
  }

  constructor(options: { catalog: CatalogService; platform: PlatformConfig }) {
    this.catalog = options.catalog;
    this.platform = options.platform;
  }

  async plan(
    request: DataProductPlanRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<ResolvedPlan> {
    const {
      domain: domainRef,
      owners: picked,
      inputPorts: readRefs,
      ...answers
    } = request;
    const [domain, owners, inputs] = await Promise.all([
      domainRef === undefined
        ? undefined
        : this.domain(domainRef, options.credentials),
      this.owners(picked, options.credentials),
      readRefs?.length ? this.inputs(readRefs, options.credentials) : undefined,
    ]);
    return {
      plan: planDataProduct({
        answers,
        domain: domain?.planned,
        owners: owners.planned,
        ...(inputs ? { inputs } : {}),
        platform: this.platform,
      }),
      ...(domain?.entity ? { domainEntity: domain.entity } : {}),
      ...(owners.backstageOwner
        ? { backstageOwner: owners.backstageOwner }
        : {}),
    };
  }

  /**
   * The plan of a product already written down (its manifest, as the GitOps
   * repository holds it): the owners there are IAM owners already, so only
   * the domain is looked up.
   */
  async planManifest(
    product: DataProduct,
    options: { credentials: BackstageCredentials },
  ): Promise<ResolvedPlan> {
    const { info, access, domain: domainName, location } = product.spec;
    const { outputPorts, inputPorts, capabilities } = product.spec;
    const domain =
      domainName === undefined
        ? undefined
        : await this.domain(domainName, options.credentials);
    return {
      plan: planDataProduct({
        answers: {
          ...info,
          ...(location ? { location } : {}),
          ...(outputPorts ? { outputPorts } : {}),
          ...(capabilities ? { capabilitySpecs: capabilities } : {}),
        },
        domain: domain?.planned,
        owners: { owners: access.owners, unresolved: [] },
        ...(inputPorts
          ? { inputs: { ports: inputPorts, unresolved: [] } }
          : {}),
        platform: this.platform,
      }),
      ...(domain?.entity ? { domainEntity: domain.entity } : {}),
    };
  }

  /**
   * The input ports of the tables picked on the form: each an output port's
   * API entity (`api:default/<product>.<port>`), whose annotations name its
   * product and table, since a long name is shortened in the catalog. A
   * pick that is no product's table, or that the caller may not see, is
   * left unresolved for the plan to explain.
   */
  private async inputs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<PlannedInputs> {
    const entities = await Promise.all(
      refs.map(ref =>
        this.catalog
          .getEntityByRef(ref, { credentials })
          // A ref that is not one is a pick the plan explains.
          .catch(() => undefined),
      ),
    );
    const planned: PlannedInputs = { ports: [], unresolved: [] };
    refs.forEach((ref, index) => {
      const entity = entities[index];
      const annotations = entity?.metadata.annotations ?? {};
      const product = annotations[MESHIFI_ANNOTATIONS.dataProduct];
      const port = annotations[MESHIFI_ANNOTATIONS.outputPort];
      if (entity?.kind === 'API' && product && port) {
        planned.ports.push({ product, port });
      } else {
        planned.unresolved.push(ref);
      }
    });
    return planned;
  }

  private async domain(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<{ planned: PlannedDomain; entity?: Entity }> {
    const name = ref.replace(/^domain:(default\/)?/, '');
    // An invalid name is not looked up: the plan explains it.
    if (nameProblem(name, 'domain name')) {
      return { planned: { name, found: false } };
    }
    const entity = await this.catalog.getEntityByRef(
      { kind: 'domain', namespace: 'default', name },
      { credentials },
    );
    if (!entity) {
      return { planned: { name, found: false } };
    }
    const project =
      entity.metadata.annotations?.[MESHIFI_ANNOTATIONS.gcpProject];
    return {
      planned: { name, found: true, ...(project ? { project } : {}) },
      entity,
    };
  }

  private async owners(
    picked: string[],
    credentials: BackstageCredentials,
  ): Promise<{ planned: PlannedOwners; backstageOwner?: string }> {
    const refOf = new Map(
      picked
        .filter(owner => !looksLikeEmail(owner))
        .map(owner => [owner, ownerRef(owner)]),
    );
    const refs = [
      ...new Set(
        [...refOf.values()].filter((r): r is string => r !== undefined),
      ),
    ];
    const { items } = refs.length
      ? await this.catalog.getEntitiesByRefs(
          {
            entityRefs: refs,
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.title',
              'spec.profile',
            ],
          },
          { credentials },
        )
      : { items: [] };
    const entities = new Map(refs.map((ref, i) => [ref, items[i]]));
    const owners: string[] = [];
    const unresolved: UnresolvedOwner[] = [];
    for (const owner of picked) {
      if (!refOf.has(owner)) {
        owners.push(owner.toLowerCase());
        continue;
      }
      const ref = refOf.get(owner);
      const result: string | UnresolvedOwner = ref
        ? ownerOf(owner, entities.get(ref) ?? undefined)
        : { owner, reason: 'invalid' };
      if (typeof result === 'string') {
        owners.push(result);
      } else {
        unresolved.push(result);
      }
    }
    const found = refs.filter(ref => entities.get(ref));
    const backstageOwner =
      found.find(ref => ref.startsWith('group:')) ?? found[0];
    return {
      planned: { owners: [...new Set(owners)], unresolved },
      ...(backstageOwner ? { backstageOwner } : {}),
    };
  }
}
