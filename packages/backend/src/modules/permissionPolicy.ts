import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MeshifiPermissionPolicy } from './MeshifiPermissionPolicy';

/** Installs {@link MeshifiPermissionPolicy}, with its admins read from config. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'meshifi-policy',
  register(env) {
    env.registerInit({
      deps: { config: coreServices.rootConfig, policy: policyExtensionPoint },
      async init({ config, policy }) {
        const admins =
          config.getOptionalStringArray('meshifi.permission.admins') ?? [];
        policy.setPolicy(new MeshifiPermissionPolicy(admins));
      },
    });
  },
});
