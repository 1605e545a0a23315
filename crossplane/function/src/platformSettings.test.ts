import { promises as fs } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { crossplaneDir, repoRoot } from './testing/paths';

/**
 * Backstage previews and the status page's expected resources are composed
 * with `meshifi.platform` from app-config.yaml; Crossplane composes with the
 * Composition's function input. When they differ, the Create page promises a
 * project that Crossplane does not use.
 */
describe('the platform settings', () => {
  it('are the same in the app config and in the Composition', async () => {
    const appConfig = parse(
      await fs.readFile(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    const composition = parse(
      await fs.readFile(
        path.join(crossplaneDir, 'apis/dataproducts/composition.yaml'),
        'utf8',
      ),
    );
    const step = composition.spec.pipeline.find(
      (s: { functionRef: { name: string } }) =>
        s.functionRef.name === 'function-meshifi',
    );
    expect(step.input.platform).toMatchObject(appConfig.meshifi.platform);
  });
});
