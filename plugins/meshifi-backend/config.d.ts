import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  meshifi?: {
    access?: {
      /**
       * The removal of the files of access grants whose last day has ended
       * from the GitOps repository, in one commit a run, so that the
       * repository says who has access (Google Cloud already ended the
       * access itself, through each grant's IAM condition). One backend of
       * several runs it at a time. Files meshifi cannot read are logged and
       * left in place.
       */
      housekeeping?: {
        /**
         * How often: a duration such as { hours: 1 } or "PT1H", a cron
         * expression as { cron: "5 0 * * *" }, or { trigger: manual } to
         * never run it. Default: every hour.
         */
        frequency?: SchedulerServiceTaskScheduleDefinitionConfig['frequency'];
        /** How long a run may take. Default: 10 minutes. */
        timeout?: SchedulerServiceTaskScheduleDefinitionConfig['timeout'];
        /** How long after a start the first run waits. Default: 1 minute. */
        initialDelay?: SchedulerServiceTaskScheduleDefinitionConfig['initialDelay'];
      };
    };
    /**
     * The local platform `./meshifi start` brings up in the background (a
     * local Kubernetes control plane with Crossplane). Not for an
     * installation on a real cluster.
     */
    localPlatform?: {
      /**
       * A JSON file the start script keeps current:
       * `{"state":"starting","log":"...","pid":123}`, `{"state":"ready"}`
       * or `{"state":"failed","log":"..."}`. While it says starting, a
       * product the clusters do not show yet is "starting", not
       * "unreachable"; when it says failed, the page names the log. A
       * starting process (pid) that has ended counts as failed. A missing
       * or malformed file is logged and ignored.
       */
      statusFile?: string;
    };
  };
}
