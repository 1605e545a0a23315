import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { MESHIFI_ANNOTATIONS } from '@meshifi/common';
import { TenancyDeps } from '../tenancy/authorizeManifest';

const entity = (kind: string, name: string, rest: Partial<Entity>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  ...rest,
  metadata: { name, ...rest.metadata },
});

/**
 * The organisation the actions' examples name: the team sales-analytics and
 * Ana, with their emails, and the domain sales in the GCP project
 * acme-sales-data.
 */
export const exampleOrg: Entity[] = [
  entity('Group', 'sales-analytics', {
    spec: {
      type: 'team',
      profile: { email: 'sales-analytics@example.com' },
      children: [],
    },
  }),
  entity('User', 'ana', {
    spec: { profile: { email: 'ana@example.com' }, memberOf: [] },
  }),
  entity('Domain', 'sales', {
    metadata: {
      name: 'sales',
      annotations: { [MESHIFI_ANNOTATIONS.gcpProject]: 'acme-sales-data' },
    },
    spec: { owner: 'group:default/sales-analytics' },
  }),
];

/** The platform the examples run on. */
export const exampleConfig = new ConfigReader({
  meshifi: { platform: { project: 'meshifi-platform', location: 'EU' } },
});

/**
 * The catalog of {@link exampleOrg}, a permission policy that answers
 * `result` to everything, and domains allowed in the acme-*-data projects.
 */
export function exampleTenancy(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
): TenancyDeps {
  return {
    catalog: catalogServiceMock({ entities: exampleOrg }),
    permissions: mockServices.permissions({ result }),
    settings: { allowedProjects: ['acme-*-data'], allowedEmailDomains: [] },
  };
}
