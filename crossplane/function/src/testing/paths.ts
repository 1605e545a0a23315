import path from 'path';

/** The folder of the Crossplane package: crossplane/ in the repository. */
export const crossplaneDir = path.resolve(
  path.dirname(require.resolve('@meshifi/crossplane-function/package.json')),
  '..',
);

/** The repository root. */
export const repoRoot = path.resolve(crossplaneDir, '..');
