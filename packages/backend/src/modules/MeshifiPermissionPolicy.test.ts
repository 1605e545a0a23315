import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import {
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  meshifiAccessApprovePermission,
  meshifiDataProductCreatePermission,
  meshifiDomainCreatePermission,
} from '@meshifi/common';
import { MeshifiPermissionPolicy } from './MeshifiPermissionPolicy';

function userOwning(...refs: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: refs[0],
      ownershipEntityRefs: refs,
    },
    info: { userEntityRef: refs[0], ownershipEntityRefs: refs },
    token: 'token',
    credentials: {} as PolicyQueryUser['credentials'],
  } as PolicyQueryUser;
}

describe('MeshifiPermissionPolicy', () => {
  const policy = new MeshifiPermissionPolicy(['group:default/platform']);
  const analyst = userOwning('user:default/ana', 'group:default/sales');
  const admin = userOwning('user:default/pat', 'group:default/Platform');

  it('lets any signed-in user read the catalog and run templates', async () => {
    for (const permission of [
      catalogEntityReadPermission,
      taskCreatePermission,
    ]) {
      await expect(policy.handle({ permission }, analyst)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets only owners delete an entity', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      analyst,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/ana', 'group:default/sales'] },
      },
    });
  });

  it('denies deletes to callers that are not users', async () => {
    await expect(
      policy.handle({ permission: catalogEntityDeletePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('keeps location registration for administrators', async () => {
    await expect(
      policy.handle({ permission: catalogLocationCreatePermission }, analyst),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: catalogLocationCreatePermission }, admin),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('keeps domains and the Kubernetes proxy for administrators', async () => {
    for (const permission of [
      meshifiDomainCreatePermission,
      kubernetesProxyPermission,
    ]) {
      await expect(policy.handle({ permission }, analyst)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
      await expect(policy.handle({ permission }, admin)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it("lets the owners of a domain's or product's entity create products in it and approve access to it", async () => {
    for (const permission of [
      meshifiDataProductCreatePermission,
      meshifiAccessApprovePermission,
    ]) {
      await expect(
        policy.handle({ permission }, analyst),
      ).resolves.toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          params: { claims: ['user:default/ana', 'group:default/sales'] },
        },
      });
      await expect(policy.handle({ permission })).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('keeps scaffolder tasks to whoever started them', async () => {
    for (const permission of [taskReadPermission, taskCancelPermission]) {
      await expect(
        policy.handle({ permission }, analyst),
      ).resolves.toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          params: { createdBy: ['user:default/ana'] },
        },
      });
    }
  });
});
