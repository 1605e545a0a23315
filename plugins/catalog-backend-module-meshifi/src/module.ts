import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogModelExtensionPoint } from '@backstage/plugin-catalog-node/alpha';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { GitOpsRepository } from '@meshifi/node';
import { kubeConfigFor, readClusterConfigs } from '@meshifi/node/kubernetes';
import { CatalogLookups } from './CatalogLookups';
import { ClusterEntityProvider } from './ClusterEntityProvider';
import { GitOpsEntityProvider } from './GitOpsEntityProvider';
import { MeshifiEntityProcessor } from './MeshifiEntityProcessor';
import { createMeshifiEntityDataParser } from './meshifiEntityDataParser';
import { readMeshifiCatalogConfig } from './readMeshifiCatalogConfig';

/**
 * Brings meshifi into the software catalog: DataProduct and DataDomain
 * manifests from any location and from the GitOps repository become
 * DataProduct, Resource and Domain entities with their relations.
 *
 * @public
 */
export const catalogModuleMeshifi = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'meshifi',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        model: catalogModelExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        processing,
        model,
        catalog,
        auth,
        config,
        logger,
        scheduler,
        events,
      }) {
        const settings = readMeshifiCatalogConfig(config);
        const { defaultOwner } = settings;
        processing.addProcessor(
          new MeshifiEntityProcessor({
            lookups: new CatalogLookups(catalog, auth, settings.lookupCacheMs),
            platformProject: settings.platformProject,
          }),
        );
        model.setEntityDataParser(
          createMeshifiEntityDataParser({ defaultOwner }),
        );

        const repository = GitOpsRepository.fromConfig(config, {
          purpose: 'catalog',
        });
        if (repository && settings.gitops.enabled) {
          processing.addEntityProvider(
            new GitOpsEntityProvider({
              repository,
              logger,
              defaultOwner,
              schedule: scheduler.createScheduledTaskRunner(
                settings.gitops.schedule,
              ),
              events: settings.gitops.refreshOnEvents ? events : undefined,
            }),
          );
        }

        if (settings.clusters.enabled) {
          processing.addEntityProvider(
            new ClusterEntityProvider({
              clusters: readClusterConfigs(config, logger).map(cluster => ({
                name: cluster.name,
                kubeConfig: kubeConfigFor(cluster),
              })),
              repository: GitOpsRepository.fromConfig(config, {
                purpose: 'catalog-clusters',
              }),
              catalog,
              auth,
              logger,
              defaultOwner,
              schedule: scheduler.createScheduledTaskRunner(
                settings.clusters.schedule,
              ),
            }),
          );
        }
      },
    });
  },
});
