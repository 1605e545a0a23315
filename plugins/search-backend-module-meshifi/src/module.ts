import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import { meshifiCollatorEntityTransformer } from './meshifiCollatorEntityTransformer';

/**
 * Makes data products findable by name, title, description, domain, owner
 * and dataset id in the catalog's search index.
 *
 * @public
 */
export const searchModuleMeshifiCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'meshifi-collator',
  register(env) {
    env.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer(meshifiCollatorEntityTransformer);
      },
    });
  },
});
