export interface Config {
  meshifi?: {
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
