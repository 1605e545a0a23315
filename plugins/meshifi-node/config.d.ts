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
      /**
       * What data products can have beyond their datasets, each under its
       * name: the same as the Composition's capability steps get (the
       * package's settings there, overlaid by an EnvironmentConfig's
       * meshifi.platform.capabilities). Each capability's settings here
       * overlay the package's, field by field, for the Create page's plan
       * and the create action. The capability checks them when the backend
       * starts: a mistake stops it, with what to set.
       */
      capabilities?: {
        /** dbt models: a CronJob runs each product's dbt project as its service account. */
        dbt?: {
          /** The dbt-bigquery image, pinned (name:1.2.3 or name@sha256:…). Default: the package's. */
          image?: string;
          /** The image whose git clones the product's dbt project, pinned. Default: the package's. */
          gitImage?: string;
          /**
           * The Workload Identity pool of the GKE cluster that runs
           * Crossplane: <the cluster's project id>.svc.id.goog.
           */
          workloadIdentityPool?: string;
          /**
           * The https address of the Git repository where "create one for
           * me" puts starter dbt projects, each in <domain or products>/<product>.
           * Without it, the Create page offers only an existing project.
           */
          starterRepository?: string;
          /** When set, a product's dbt project repository must start with one of these https addresses. */
          repositoryPrefixes?: string[];
          /** The IANA time zone schedules are read in, e.g. Europe/Paris. Default: the cluster's (usually UTC). */
          timeZone?: string;
        };
        /** Fivetran connections that load a product's raw dataset. */
        fivetran?: {
          /** The Fivetran group (its BigQuery destination) of every project that `projects` does not name. */
          group?: {
            /** The group's id, as Fivetran shows it. */
            groupId: string;
            /** The Google service account the group's BigQuery destination writes as. */
            serviceAccountEmail: string;
          };
          /** The group of each GCP project that has its own, by project id. */
          projects?: {
            [project: string]: {
              /** The group's id, as Fivetran shows it. */
              groupId: string;
              /** The Google service account the group's BigQuery destination writes as. */
              serviceAccountEmail: string;
            };
          };
          /** Fivetran's REST API, without a trailing slash. Default: https://api.fivetran.com. */
          apiUrl?: string;
          /** The Secret key that holds base64(<api key>:<api secret>), for provider-http. */
          apiKeySecret?: { namespace: string; name: string; key: string };
          /**
           * The connector types products may use, by Fivetran's service
           * name (e.g. google_sheets). Replaces the package's list.
           */
          connectors?: {
            [service: string]: {
              /** How people call it, e.g. Google Sheets. */
              title: string;
              /** How the connector names where it writes: schema, schema-table or schema-table-group. */
              destination: 'schema' | 'schema-table' | 'schema-table-group';
              /** The keys each connection's credentials Secret must have. */
              credentialKeys: string[];
              /** Fixed config fields the platform sets for every connection of the type. */
              config?: { [key: string]: string | number | boolean };
            };
          };
          /** The provider-http config the connections' Requests use. */
          providerConfigRef?: {
            /** ProviderConfig or ClusterProviderConfig. */
            kind: string;
            name: string;
          };
        };
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
