export interface Config {
  meshifi?: {
    permission?: {
      /**
       * User or group entity refs (for example `group:default/platform`)
       * whose members may do everything, including registering catalog
       * locations and deleting entities they do not own.
       */
      admins?: string[];
    };
  };
}
