export interface Config {
  meshifi?: {
    /** Which GCP projects domains may use. */
    domains?: {
      /**
       * GCP project ids a new domain may use; `*` stands for any characters,
       * e.g. `acme-*-data`. A domain's project must match one, and no other
       * domain may have it. Without this list no domain can be created.
       */
      allowedProjects?: string[];
    };
    /** Who may be a data product's owner. */
    owners?: {
      /**
       * Email domains whose addresses may be owners without being in the
       * catalog, e.g. `example.com`. Owners are otherwise the catalog's users
       * and groups, picked in the form.
       */
      allowedEmailDomains?: string[];
    };
  };
}
