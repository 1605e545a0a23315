import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import {
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  meshifiAccessApprovePermission,
  meshifiDataProductCreatePermission,
  meshifiDomainCreatePermission,
} from '@meshifi/common';

const DENY: PolicyDecision = { result: AuthorizeResult.DENY };
const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };

/**
 * The meshifi permission policy: who may create what where.
 *
 * - Administrators (users, or members of groups, listed in
 *   `meshifi.permission.admins`) may do everything.
 * - Domains are created by administrators only: a domain is a GCP project
 *   and a team.
 * - Data products of a domain are created by the domain's team: the owners
 *   of the domain's catalog entity (members of its owner group).
 * - Access to a product is approved by the product's owners.
 * - Only an entity's owners may delete it from the catalog; only
 *   administrators may register or remove catalog locations, because a
 *   location decides what the whole organisation sees.
 * - The Kubernetes proxy acts with the backend's own service account, so
 *   only administrators may use it; everyone reads a product's state through
 *   meshifi's status API instead, which checks the caller.
 * - A scaffolder task (its parameters, logs and cancel button) belongs to
 *   whoever started it.
 * - Everyone signed in may read the catalog and run templates.
 */
export class MeshifiPermissionPolicy implements PermissionPolicy {
  private readonly admins: ReadonlySet<string>;

  constructor(admins: readonly string[]) {
    this.admins = new Set(admins.map(ref => ref.toLocaleLowerCase('en-US')));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (user && this.isAdmin(user)) {
      return ALLOW;
    }
    const { permission } = request;
    if (
      isPermission(permission, catalogLocationCreatePermission) ||
      isPermission(permission, catalogLocationDeletePermission) ||
      isPermission(permission, meshifiDomainCreatePermission) ||
      isPermission(permission, kubernetesProxyPermission)
    ) {
      return DENY;
    }
    if (
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, meshifiDataProductCreatePermission) ||
      isPermission(permission, meshifiAccessApprovePermission)
    ) {
      return user
        ? createCatalogConditionalDecision(
            permission,
            catalogConditions.isEntityOwner({
              claims: user.info.ownershipEntityRefs,
            }),
          )
        : DENY;
    }
    if (
      isPermission(permission, taskReadPermission) ||
      isPermission(permission, taskCancelPermission)
    ) {
      return user
        ? createScaffolderTaskConditionalDecision(
            permission,
            scaffolderTaskConditions.isTaskOwner({
              createdBy: [user.info.userEntityRef],
            }),
          )
        : DENY;
    }
    return ALLOW;
  }

  private isAdmin(user: PolicyQueryUser): boolean {
    return user.info.ownershipEntityRefs.some(ref =>
      this.admins.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
