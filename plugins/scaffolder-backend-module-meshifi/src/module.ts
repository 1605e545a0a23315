import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { GitOpsRepository } from '@meshifi/node';
import { createDataDomainAction } from './actions/createDataDomain';
import { createDataProductAction } from './actions/createDataProduct';
import { publishToGitOpsAction } from './actions/publishToGitOps';

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
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, catalog, config }) {
        const repository = GitOpsRepository.fromConfig(config, {
          purpose: 'scaffolder',
        });
        scaffolder.addActions(
          createDataProductAction({ catalog, config }),
          createDataDomainAction({ catalog }),
          publishToGitOpsAction({ repository }),
        );
      },
    });
  },
});
