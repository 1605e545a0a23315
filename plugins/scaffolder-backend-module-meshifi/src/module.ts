import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { meshifiPermissions } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { createDataDomainAction } from './actions/createDataDomain';
import { createDataProductAction } from './actions/createDataProduct';
import { importContractAction } from './actions/importContract';
import { publishToGitOpsAction } from './actions/publishToGitOps';
import { requestDataAccessAction } from './actions/requestDataAccess';
import { readTenancySettings } from './tenancy/TenancySettings';
import { dbtStarterValuesAction } from './dbt/dbtStarterValues';
import { publishDbtStarterAction } from './dbt/publishDbtStarter';

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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        events: eventsServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        scaffolder,
        catalog,
        config,
        permissions,
        permissionsRegistry,
        events,
        discovery,
        auth,
      }) {
        permissionsRegistry.addPermissions(meshifiPermissions);
        const repository = GitOpsRepository.fromConfig(config, {
          purpose: 'scaffolder',
        });
        const tenancy = {
          catalog,
          permissions,
          settings: readTenancySettings(config),
        };
        scaffolder.addActions(
          createDataProductAction({ config, repository, ...tenancy }),
          importContractAction(),
          createDataDomainAction(tenancy),
          publishToGitOpsAction({ repository, events, ...tenancy }),
          requestDataAccessAction({ discovery, auth }),
          dbtStarterValuesAction(),
          publishDbtStarterAction({ config }),
        );
      },
    });
  },
});
