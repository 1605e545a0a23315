import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
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
        const defaultOwner = config.getOptionalString(
          'meshifi.catalog.defaultOwner',
        );
        processing.addProcessor(
          new MeshifiEntityProcessor({
            lookups: new CatalogLookups(
              catalog,
              auth,
              (config.getOptionalNumber('meshifi.catalog.lookupCacheSeconds') ??
                30) * 1000,
            ),
            platformProject: config.getOptionalString(
              'meshifi.platform.project',
            ),
          }),
        );
        model.setEntityDataParser(
          createMeshifiEntityDataParser({ defaultOwner }),
        );

        const repository = GitOpsRepository.fromConfig(config, {
          purpose: 'catalog',
        });
        if (
          repository &&
          config.getOptionalBoolean('meshifi.catalog.gitops.enabled') !== false
        ) {
          const schedule = config.has('meshifi.catalog.gitops.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('meshifi.catalog.gitops.schedule'),
              )
            : { frequency: { seconds: 15 }, timeout: { minutes: 5 } };
          processing.addEntityProvider(
            new GitOpsEntityProvider({
              repository,
              logger,
              defaultOwner,
              schedule: scheduler.createScheduledTaskRunner(schedule),
              events:
                config.getOptionalBoolean(
                  'meshifi.catalog.gitops.refreshOnEvents',
                ) === false
                  ? undefined
                  : events,
            }),
          );
        }

        if (config.getOptionalBoolean('meshifi.catalog.clusters.enabled')) {
          const schedule = config.has('meshifi.catalog.clusters.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('meshifi.catalog.clusters.schedule'),
              )
            : {
                frequency: { seconds: 60 },
                timeout: { minutes: 2 },
                // After the first pass of the other providers and locations,
                // so that what they declare is not claimed from a cluster.
                initialDelay: { seconds: 30 },
              };
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
              schedule: scheduler.createScheduledTaskRunner(schedule),
            }),
          );
        }
      },
    });
  },
});
