import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  meshifi?: {
    catalog?: {
      /**
       * The Backstage owner (user or group ref) of data products whose
       * manifest has no meshifi.io/owner annotation.
       */
      defaultOwner?: string;
      /**
       * How long the owners' catalog users and the domains' GCP projects are
       * cached while processing data products. Default: 30.
       */
      lookupCacheSeconds?: number;
      gitops?: {
        /** Read the GitOps repository (meshifi.gitops) into the catalog. Default: true. */
        enabled?: boolean;
        /** How often. Default: every 15 seconds. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Read the repository at once when a push is announced on the events
         * service: by meshifi's publish action, or by a GitHub push webhook
         * through @backstage/plugin-events-backend-module-github. Default: true.
         */
        refreshOnEvents?: boolean;
      };
      /**
       * Discovery from the Kubernetes plugin's clusters
       * (kubernetes.clusterLocatorMethods): DataProducts and DataDomains that
       * a cluster has but the GitOps repository does not become entities,
       * tagged not-in-git.
       */
      clusters?: {
        /** Default: false. */
        enabled?: boolean;
        /** How often. Default: every 60 seconds, first after 30 seconds. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
