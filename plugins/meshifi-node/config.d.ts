export interface Config {
  meshifi?: {
    /** The GitOps repository data products are published to and read from. */
    gitops?: {
      /**
       * The git remote: an http(s) URL (credentials come from the matching
       * `integrations` entry) or a path to a bare repository on this host,
       * relative to the backend's working directory.
       */
      url: string;
      /** The branch the GitOps engine applies. Default: main. */
      branch?: string;
      /**
       * Create the repository when `url` is a local path that does not exist
       * yet: the embedded default of a local meshifi.
       */
      createIfMissing?: boolean;
      /** Who commits. Default: meshifi <meshifi@localhost>. */
      author?: { name: string; email: string };
    };
  };
}
