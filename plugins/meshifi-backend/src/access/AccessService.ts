import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AccessConsumer,
  accessGrantView,
  AccessPolicy,
  AccessProposal,
  accessPolicyOf,
  accessPolicyProblems,
  AccessRequest,
  AccessRequestInput,
  ConsumerAccessReport,
  dataAccessManifest,
  DataProductEntity,
  retiredAccessProblem,
  dataProductManifestOf,
  gitopsPath,
  gitopsYaml,
  grantNameOf,
  hasEnded,
  meshifiAccessApprovePermission,
  PlatformConfig,
  ProductAccessReport,
  productXrOf,
  ProductXr,
  validateDataAccess,
} from '@meshifi/common';
import { CatalogPlanResolver, GitOpsRepository } from '@meshifi/node';
import { randomUUID } from 'crypto';
import { ClusterGrant, ProvisioningService } from '../ProvisioningService';
import { AccessConsumers } from './AccessConsumers';
import { AccessRequestStore } from './AccessRequestStore';
import { parseRefInput } from './parseRefInput';
import { grantCommitMessage } from './grantCommitMessage';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Requests for access to data products and the owners' decisions on them.
 * Every step checks the caller with their own credentials: the catalog shows
 * them only what they may read, and approving asks the permission framework
 * for meshifi.access.approve on the product's entity (its owners, by the
 * platform's policy). An approved request becomes a DataAccess file in the
 * GitOps repository; what the clusters then make of it is read from the
 * watch caches.
 */
export class AccessService {
  private readonly policy: AccessPolicy;
  private readonly consumers: AccessConsumers;

  constructor(
    private readonly options: {
      store: AccessRequestStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      plans: CatalogPlanResolver;
      provisioning: ProvisioningService;
      /** Where grants are written; none when meshifi has no GitOps repository. */
      repository?: GitOpsRepository;
      platform: PlatformConfig;
      logger: LoggerService;
      /** Told when a product's access changed here (a request or a decision). */
      onChange?: (xr: ProductXr) => void;
      clock?: () => Date;
    },
  ) {
    this.policy = accessPolicyOf(options.platform);
    this.consumers = new AccessConsumers(options);
  }

  /** Asks the product's owners for access; refuses, changing nothing, what they could not grant. */
  async request(
    input: AccessRequestInput,
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const { request } = await this.checked(input, credentials);
    await this.options.store.add(request);
    this.options.logger.info(
      `Access to ${request.product} (${
        request.layer
      }) asked for ${describeConsumer(request.consumer)} by ${
        request.requestedBy
      }`,
    );
    this.options.onChange?.(request.xr);
    return request;
  }

  /**
   * The grant a request would be, checked as a request is, without keeping
   * it: for a platform whose owners approve grants as pull requests, the
   * file and the place the pull request adds it at.
   */
  async proposal(
    input: AccessRequestInput,
    credentials: UserCredentials,
  ): Promise<AccessProposal> {
    const { request } = await this.checked(input, credentials);
    const waiting = await this.options.store.waiting(request);
    if (waiting) {
      throw new ConflictError(
        `The same access was already asked for on the product's page by ${waiting.requestedBy}, and awaits its owners: nothing new was proposed.`,
      );
    }
    const grant = this.grantOf(request);
    return {
      grantName: request.grantName,
      path: gitopsPath(grant),
      content: gitopsYaml(grant),
      description: grantCommitMessage(request),
    };
  }

  /** A request as it would be kept, once everything its owners could not grant is refused. */
  private async checked(
    input: AccessRequestInput,
    credentials: UserCredentials,
  ): Promise<{ request: AccessRequest }> {
    const now = this.now();
    const product = await this.productEntity(input.product, credentials);
    const manifest = dataProductManifestOf(product);
    const retired = retiredAccessProblem(manifest);
    if (retired) {
      throw new InputError(retired);
    }
    const xr = productXrOf(product);
    const consumer = await this.consumers.resolve(input.consumer, credentials);
    await this.consumers.refuseOwner(manifest, consumer, credentials);
    const layer = input.layer ?? 'curated';
    const grantName = grantNameOf(xr.name, consumer.email, layer);
    const grant = dataAccessManifest(grantName, xr.namespace, {
      product: xr.name,
      consumer,
      layer,
      level: input.level ?? 'read',
      purpose: typeof input.purpose === 'string' ? input.purpose.trim() : '',
      expires: input.expires,
    });
    const validated = validateDataAccess(grant);
    const problems = validated.ok
      ? accessPolicyProblems(grant, this.policy, now)
      : validated.problems;
    if (problems.length > 0) {
      throw new InputError(problems.map(p => p.message).join(' '));
    }
    if (hasEnded(grant.spec.expires, now)) {
      throw new InputError(
        `The last day of access, ${grant.spec.expires}, has passed: pick today or a later day.`,
      );
    }
    const request: AccessRequest = {
      id: randomUUID(),
      product: stringifyEntityRef(product),
      xr,
      grantName,
      consumer,
      layer,
      level: grant.spec.level ?? 'read',
      purpose: grant.spec.purpose,
      expires: grant.spec.expires,
      requestedBy: credentials.principal.userEntityRef,
      requestedAt: now.toISOString(),
      decision: 'pending',
    };
    this.refuseRunningGrant(request, now);
    return { request };
  }

  /** Approves a waiting request: writes its grant to the GitOps repository. */
  async approve(
    id: string,
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const request = await this.decidable(id, credentials);
    if (request.requestedBy === credentials.principal.userEntityRef) {
      throw new NotAllowedError(
        'You asked for this access yourself: another owner of the product, or the platform team, must approve it.',
      );
    }
    const now = this.now();
    if (hasEnded(request.expires, now)) {
      throw new InputError(
        `The access asked for ended on ${request.expires}: decline this request, and ask the requester for a new one.`,
      );
    }
    const repository = this.options.repository;
    if (!repository) {
      throw new ServiceUnavailableError(
        'This meshifi has no GitOps repository to write grants to: ask the platform team to set meshifi.gitops.',
      );
    }
    const approver = credentials.principal.userEntityRef;
    await this.claim(request, approver, now);
    try {
      const grant = this.grantOf(request);
      const content = gitopsYaml(grant);
      const published = await repository.publishFile({
        path: gitopsPath(grant),
        content,
        message: grantCommitMessage(request, approver),
        ifExists: existing =>
          existing === content
            ? undefined
            : new ConflictError(
                `A grant named ${
                  request.grantName
                } is already in the GitOps repository: ${describeConsumer(
                  request.consumer,
                )} has this access already. Nothing was changed.`,
              ),
      });
      await this.options.store.approved(id, published.commit);
    } catch (error) {
      await this.options.store.release(id);
      throw error;
    } finally {
      this.options.onChange?.(request.xr);
    }
    this.options.logger.info(
      `Access ${request.grantName} to ${request.product} approved by ${approver}`,
    );
    return (await this.options.store.get(id))!;
  }

  /** Declines a waiting request, with the owner's reason. */
  async decline(
    id: string,
    reason: unknown,
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const words = typeof reason === 'string' ? reason.trim() : '';
    if (words.length < 10 || words.length > 1000) {
      throw new InputError(
        'Say in 10 to 1,000 characters why you decline: the requester reads it.',
      );
    }
    const request = await this.decidable(id, credentials);
    const by = credentials.principal.userEntityRef;
    const declined = await this.options.store.decline(
      id,
      by,
      this.now().toISOString(),
      words,
    );
    if (!declined) {
      throw await this.alreadyDecided(id);
    }
    this.options.onChange?.(request.xr);
    return (await this.options.store.get(id))!;
  }

  /** A product's Access card: its requests and the clusters' grants. */
  async productReport(
    product: Entity,
    credentials: UserCredentials,
  ): Promise<ProductAccessReport> {
    const ref = stringifyEntityRef(product);
    const mayApprove = await this.mayApprove(ref, credentials);
    const requests = await this.options.store.forProduct(ref);
    const clusterGrants = this.options.provisioning.grantsOf(
      productXrOf(product),
    );
    const caller = credentials.principal.userEntityRef;
    return {
      mayApprove,
      grants: this.views(ref, requests, clusterGrants).map(view => ({
        ...view,
        mayDecide:
          mayApprove &&
          view.state === 'awaiting-approval' &&
          view.requestedBy !== caller,
      })),
    };
  }

  /** What a user (and their groups) or a group may read, among products the caller may see. */
  async consumerReport(
    consumer: Entity,
    credentials: UserCredentials,
  ): Promise<ConsumerAccessReport> {
    const refs = [
      stringifyEntityRef(consumer),
      ...(consumer.relations ?? [])
        .filter(r => r.type === RELATION_MEMBER_OF)
        .map(r => r.targetRef),
    ];
    const requests = await this.options.store.forConsumers(refs);
    const grants = this.options.provisioning
      .allGrants()
      .filter(g => refs.includes(g.grant.spec.consumer.entityRef ?? ''));
    const products = [
      ...new Set([
        ...requests.map(r => r.product),
        ...grants.map(productRefOfGrant),
      ]),
    ];
    const readable = await this.readable(products, credentials);
    return {
      grants: readable
        .flatMap(product =>
          this.views(
            product,
            requests.filter(r => r.product === product),
            grants.filter(g => productRefOfGrant(g) === product),
          ),
        )
        .filter(view => view.state !== 'declined')
        .map(view => ({ ...view, mayDecide: false })),
    };
  }

  private views(
    product: string,
    requests: AccessRequest[],
    clusterGrants: ClusterGrant[],
  ) {
    const now = this.now();
    const shown = new Set<string>();
    const views = [];
    // A grant's latest request that was not declined speaks for it (the
    // requests come newest first); every declined request is a row.
    for (const request of requests) {
      const declined = request.decision === 'declined';
      if (!declined && shown.has(request.grantName)) {
        continue;
      }
      const cluster = declined
        ? undefined
        : clusterGrants.find(g => g.grant.metadata.name === request.grantName);
      if (!declined) {
        shown.add(request.grantName);
      }
      views.push(
        accessGrantView({
          product,
          request,
          grant: cluster?.grant,
          composed: cluster?.composed,
          now,
        }),
      );
    }
    for (const { grant, composed } of clusterGrants) {
      if (!shown.has(grant.metadata.name)) {
        views.push(accessGrantView({ product, grant, composed, now }));
      }
    }
    return views;
  }

  private async decidable(id: string, credentials: UserCredentials) {
    const request = await this.options.store.get(id);
    if (!request) {
      throw new NotFoundError(
        'There is no such access request: it may have been removed. Open the product page again.',
      );
    }
    if (!(await this.mayApprove(request.product, credentials))) {
      throw new NotAllowedError(
        `Only the owners of ${request.product} and the platform team may decide on access to it.`,
      );
    }
    if (request.decision !== 'pending') {
      throw await this.alreadyDecided(id);
    }
    return request;
  }

  private async claim(request: AccessRequest, by: string, now: Date) {
    if (!(await this.options.store.claim(request.id, by, now.toISOString()))) {
      throw await this.alreadyDecided(request.id);
    }
  }

  private async alreadyDecided(id: string): Promise<ConflictError> {
    const current = await this.options.store.get(id);
    const by = current?.decidedBy ?? 'someone else';
    const what =
      current?.decision === 'approving'
        ? `is being approved by ${by}`
        : `was already ${current?.decision ?? 'decided'} by ${by}`;
    return new ConflictError(
      `This request ${what}: nothing was changed. Open the product page again to see where it stands.`,
    );
  }

  private async mayApprove(
    product: string,
    credentials: UserCredentials,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: meshifiAccessApprovePermission, resourceRef: product }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  private async productEntity(
    ref: unknown,
    credentials: UserCredentials,
  ): Promise<DataProductEntity> {
    const parsed = parseRefInput(ref, 'dataproduct', 'data product');
    const entity = await this.options.catalog.getEntityByRef(parsed, {
      credentials,
    });
    if (!entity || entity.kind.toLowerCase() !== 'dataproduct') {
      throw new InputError(
        `There is no data product ${parsed} in the catalog: pick one on the form.`,
      );
    }
    return entity as unknown as DataProductEntity;
  }

  /** A consumer who has this access, running, needs no second grant. */
  private refuseRunningGrant(request: AccessRequest, now: Date) {
    const running = this.options.provisioning
      .grantsOf(request.xr)
      .find(
        g =>
          g.grant.metadata.name === request.grantName &&
          !hasEnded(g.grant.spec.expires, now),
      );
    if (running) {
      throw new ConflictError(
        `${describeConsumer(request.consumer)} has this access already, until ${
          running.grant.spec.expires
        }: nothing new was asked. Ask again when it nears its end.`,
      );
    }
  }

  private async readable(
    products: string[],
    credentials: UserCredentials,
  ): Promise<string[]> {
    if (products.length === 0) {
      return [];
    }
    const decisions = await this.options.permissions.authorize(
      products.map(resourceRef => ({
        permission: catalogEntityReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return products.filter(
      (_p, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  private grantOf(request: AccessRequest) {
    return dataAccessManifest(request.grantName, request.xr.namespace, {
      product: request.xr.name,
      consumer: request.consumer,
      layer: request.layer,
      level: request.level,
      purpose: request.purpose,
      expires: request.expires,
    });
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }
}

/**
 * The catalog entity of a grant's product: meshifi's catalog module names a
 * DataProduct entity after its product, in the default namespace.
 */
function productRefOfGrant({ grant }: ClusterGrant): string {
  return stringifyEntityRef({
    kind: 'DataProduct',
    namespace: 'default',
    name: grant.spec.product,
  });
}

/** A consumer in words, for messages and logs. */
export function describeConsumer(consumer: AccessConsumer): string {
  return consumer.entityRef ?? consumer.email;
}
