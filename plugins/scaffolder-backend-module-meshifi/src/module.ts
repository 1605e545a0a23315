import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDataProductAction } from './actions/createDataProduct';

/**
 * Registers the meshifi scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleMeshifi = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'meshifi',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createDataProductAction());
      },
    });
  },
});
