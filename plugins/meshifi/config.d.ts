export interface Config {
  meshifi?: {
    /** What the platform decides for every data product. */
    platform?: {
      /**
       * The GCP project of products whose domain names none.
       * @visibility frontend
       */
      project: string;
      /**
       * The BigQuery location of products that name none, e.g. EU.
       * @visibility frontend
       */
      location: string;
    };
  };
}
