import { fromNodeModules } from './fromNodeModules';

/**
 * Backstage's test backend and its mocks, from node_modules (see
 * fromNodeModules): every benchmark that starts a backend starts it with
 * these.
 */
export const { mockCredentials, mockServices, startTestBackend } =
  fromNodeModules(
    '@backstage/backend-test-utils',
  ) as typeof import('@backstage/backend-test-utils');

/** The catalog service's mock, serving the entities it is given. */
export const { catalogServiceMock } = fromNodeModules(
  '@backstage/plugin-catalog-node/testUtils',
) as typeof import('@backstage/plugin-catalog-node/testUtils');

/** The default export of a Backstage package in node_modules: a plugin or module. */
export const defaultOf = <T>(name: string) =>
  (fromNodeModules(name) as { default: T }).default;
