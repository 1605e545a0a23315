import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Creating a DataDomain: a domain is a GCP project and a team, so the
 * platform's administrators decide. A basic permission.
 *
 * @public
 */
export const meshifiDomainCreatePermission = createPermission({
  name: 'meshifi.domain.create',
  attributes: { action: 'create' },
});

/**
 * Creating a data product in a domain, authorized on the domain's catalog
 * entity (`domain:default/<name>`), so that a policy can allow the domain's
 * team: members of the domain's owner group.
 *
 * @public
 */
export const meshifiDataProductCreatePermission = createPermission({
  name: 'meshifi.dataproduct.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approving access to a data product, authorized on the product's catalog
 * entity: its owners decide who may read it.
 *
 * @public
 */
export const meshifiAccessApprovePermission = createPermission({
  name: 'meshifi.access.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every meshifi permission, for the permissions registry.
 *
 * @public
 */
export const meshifiPermissions = [
  meshifiDomainCreatePermission,
  meshifiDataProductCreatePermission,
  meshifiAccessApprovePermission,
];
