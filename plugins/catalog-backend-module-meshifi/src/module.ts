import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DataProductEntityProcessor } from './DataProductEntityProcessor';

/**
 * Brings meshifi DataProducts into the software catalog.
 *
 * @public
 */
export const catalogModuleMeshifi = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'meshifi',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new DataProductEntityProcessor());
      },
    });
  },
});
