export interface Config {
  meshifi?: {
    /**
     * What the platform decides for every data product; must match the
     * Composition's function input. Declared here once for every backend
     * package. Required by the meshifi backend plugin and the scaffolder
     * module, which plan products with it and do not start without it; the
     * catalog module uses the project when it is set. Not visible to the
     * frontend: the Create page asks the backend for the plan.
     */
    platform?: {
      /** The GCP project of products whose domain names none. */
      project: string;
      /** The BigQuery location of products that name none, e.g. EU. */
      location: string;
      /**
       * What an access grant (DataAccess) may give; the same as the
       * Composition's input.platform.access. The backend refuses a request
       * the function would refuse, before anyone approves it.
       */
      access?: {
        /** The layers of a product others may read. Default: [curated]. */
        shareableLayers?: Array<'raw' | 'cleaned' | 'curated'>;
        /** How many days after today a grant may last at most. Default: 365. */
        maxDays?: number;
      };
    };
    /** The GitOps repository data products are published to and read from. */
    gitops?: {
      /**
       * The git remote: an http(s) URL (credentials come from the matching
       * `integrations` entry, or from the URL itself, which meshifi then
       * sends as a header and never shows) or a path to a bare repository on
       * this host, relative to the backend's working directory.
       */
      url: string;
      /** The branch the GitOps engine applies. Default: main. */
      branch?: string;
      /**
       * Create the repository when `url` is a local path that does not exist
       * yet: the embedded default of a local meshifi. Refused for an http(s)
       * URL: meshifi cannot create repositories on a git server.
       */
      createIfMissing?: boolean;
      /**
       * A folder, relative to the backend's working directory, whose files a
       * repository created by `createIfMissing` starts with: the sample data
       * mesh of a local meshifi. Manifests in it must be valid at their
       * place. Never written into an existing repository; unused unless
       * `createIfMissing` is true.
       */
      initialContent?: string;
      /**
       * Accept a local path as `url` when NODE_ENV is production (refused by
       * default: a folder on the backend's disk is the demo setup, and what
       * meshifi publishes there never reaches the GitOps engine). Only for a
       * folder the GitOps engine really reads, such as a shared volume.
       */
      allowLocalPath?: boolean;
      /** Who commits. Default: meshifi <meshifi@localhost>. */
      author?: { name: string; email: string };
    };
  };
}
