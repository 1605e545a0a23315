import { createApp } from '@backstage/frontend-defaults';
import { lineageModule } from './modules/lineage';
import { navModule } from './modules/nav';

// The plugins (catalog, scaffolder, search, catalog graph, kubernetes, org,
// user settings, meshifi) are discovered from this package's dependencies:
// see `app.packages` in app-config.yaml.
export default createApp({
  features: [navModule, lineageModule],
});
