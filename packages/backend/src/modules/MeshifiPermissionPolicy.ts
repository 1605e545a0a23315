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

/**
 * The meshifi permission policy.
 *
 * - Administrators (users, or members of groups, listed in
 *   `meshifi.permission.admins`) may do everything.
 * - Everyone signed in may read the catalog and run templates: that is how an
 *   analyst creates a data product.
 * - Only an entity's owners may delete it from the catalog.
 * - Only administrators may register or remove catalog locations, because a
 *   location decides what the whole organisation sees.
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
      return { result: AuthorizeResult.ALLOW };
    }
    const { permission } = request;
    if (
      isPermission(permission, catalogLocationCreatePermission) ||
      isPermission(permission, catalogLocationDeletePermission)
    ) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(permission, catalogEntityDeletePermission)) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private isAdmin(user: PolicyQueryUser): boolean {
    return user.info.ownershipEntityRefs.some(ref =>
      this.admins.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
