import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The meshifi repository these helpers run in: the folder above this
 * package that holds scripts/control-plane, or MESHIFI_ROOT.
 */
export function repositoryRoot(): string {
  // Bundled code (benchmarks) runs far from the repository: it says where.
  const fromEnvironment = process.env.MESHIFI_ROOT;
  if (
    fromEnvironment &&
    existsSync(join(fromEnvironment, 'scripts', 'control-plane'))
  ) {
    return fromEnvironment;
  }
  let dir = resolvePackagePath('@meshifi/test-utils');
  while (!existsSync(join(dir, 'scripts', 'control-plane'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('cannot find scripts/control-plane above this package');
    }
    dir = parent;
  }
  return dir;
}
