import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in. The guest provider is for local use only; see app-config.production.yaml.
// It is Backstage's guest with the sample users a local meshifi lists.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('./modules/guestSignIn'));

// Delivers the catalog's, the scaffolder's and meshifi's events in the
// backend (a published product reaches the catalog at once), and GitHub's
// webhooks where app-config.production.yaml enables them.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@meshifi/plugin-catalog-backend-module-meshifi'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@meshifi/plugin-scaffolder-backend-module-meshifi'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-search-backend'));
// Postgres full-text search when the database is PostgreSQL, Lunr in memory otherwise.
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// Data products found by name, domain, owner and dataset id.
backend.add(import('@meshifi/plugin-search-backend-module-meshifi'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@meshifi/plugin-meshifi-backend'));
// Pushes meshifi's "provisioning changed" signals to open product pages.
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
