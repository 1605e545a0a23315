import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { meshifiAccessApprovePermission } from '@meshifi/common';
import {
  CatalogPlanResolver,
  GitOpsRepository,
  readPlatformConfig,
} from '@meshifi/node';
import { readClusterConfigs } from '@meshifi/node/kubernetes';
import { AccessRequestStore } from './access/AccessRequestStore';
import { AccessService } from './access/AccessService';
import { scheduleGrantHousekeeping } from './access/scheduleGrantHousekeeping';
import { ProvisioningService } from './ProvisioningService';
import { createRouter } from './service/createRouter';
import { answerFirstSignalsUpgrade } from './signals/answerFirstSignalsUpgrade';
import { ProvisioningSignals } from './signals/ProvisioningSignals';

/**
 * The meshifi backend plugin: the status API behind the DataProduct entity
 * page, answered from watch caches of the Kubernetes plugin's clusters.
 *
 * @public
 */
export const meshifiPlugin = createBackendPlugin({
  pluginId: 'meshifi',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
      },
      async init({
        config,
        logger,
        lifecycle,
        discovery,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        database,
        scheduler,
        catalog,
        signals,
      }) {
        permissionsRegistry.addPermissions([meshifiAccessApprovePermission]);
        const platform = readPlatformConfig(config);
        const clusters = readClusterConfigs(config, logger);
        const provisioningSignals = new ProvisioningSignals({
          signals,
          logger,
        });
        const provisioning = ProvisioningService.fromClusters({
          clusters,
          platform,
          logger,
          onProductChange: xr => provisioningSignals.changed(xr),
          onAccessChange: xr => provisioningSignals.accessChanged(xr),
          onFilesChange: namespace =>
            provisioningSignals.filesChanged(namespace),
          localPlatformStatusFile: config.getOptionalString(
            'meshifi.localPlatform.statusFile',
          ),
        });
        // Not awaited: an unreachable cluster must not hold up the backend.
        provisioning
          .start()
          .then(() =>
            logger.info(
              `meshifi watches ${clusters.length} cluster(s): ${clusters
                .map(c => c.name)
                .join(', ')}`,
            ),
          );
        // Not awaited: it may wait a second for an answer that never comes.
        lifecycle.addStartupHook(() => {
          answerFirstSignalsUpgrade({ discovery, logger });
        });
        lifecycle.addShutdownHook(() => {
          provisioningSignals.stop();
          return provisioning.stop();
        });
        const plans = CatalogPlanResolver.fromConfig(config, { catalog });
        const repository = GitOpsRepository.fromConfig(config, {
          purpose: 'access',
        });
        const access = new AccessService({
          store: await AccessRequestStore.create(database),
          catalog,
          permissions,
          plans,
          provisioning,
          repository,
          platform,
          logger,
          onChange: xr => provisioningSignals.accessChanged(xr),
        });
        if (repository) {
          await scheduleGrantHousekeeping({
            scheduler,
            config,
            repository,
            logger,
            onRemoved: removed =>
              removed.forEach(grant =>
                provisioningSignals.accessChanged({
                  namespace: grant.namespace,
                  name: grant.product,
                }),
              ),
          });
        }
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            provisioning,
            plans,
            access,
          }),
        );
      },
    });
  },
});
