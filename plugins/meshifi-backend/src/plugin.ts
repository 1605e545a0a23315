import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './service/createRouter';

/**
 * The meshifi backend plugin: the status API behind the DataProduct entity page.
 *
 * @public
 */
export const meshifiPlugin = createBackendPlugin({
  pluginId: 'meshifi',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use(await createRouter());
      },
    });
  },
});
