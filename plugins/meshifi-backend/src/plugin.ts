import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { CatalogPlanResolver, readPlatformConfig } from '@meshifi/node';
import { readClusterConfigs } from '@meshifi/node/kubernetes';
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
        catalog,
        signals,
      }) {
        const clusters = readClusterConfigs(config, logger);
        const provisioningSignals = new ProvisioningSignals({
          signals,
          logger,
        });
        const provisioning = ProvisioningService.fromClusters({
          clusters,
          platform: readPlatformConfig(config),
          logger,
          onProductChange: xr => provisioningSignals.changed(xr),
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
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            provisioning,
            plans: CatalogPlanResolver.fromConfig(config, { catalog }),
          }),
        );
      },
    });
  },
});
