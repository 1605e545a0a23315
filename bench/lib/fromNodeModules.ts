import { createRequire } from 'module';
import path from 'path';
import { repositoryRoot } from './repositoryRoot';

/**
 * Loads a package from node_modules instead of the bundle. esbuild cannot
 * bundle knex (it requires every SQL driver it supports), and a bundled
 * plugin cannot find its database migrations: test backends and backend
 * plugins come from here. Only service and extension point ids meet the
 * bundled meshifi code.
 */
export const fromNodeModules = createRequire(
  path.join(repositoryRoot, 'package.json'),
);
