import { dataAccessXrd, dataDomainXrd, dataProductXrd } from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';
import { parse, stringify } from 'yaml';
import { crossplaneDir } from './testing/paths';

/**
 * The XRDs in crossplane/apis are generated from the model's schema and
 * checked in. This test fails when they drift; run
 * `yarn workspace @meshifi/crossplane-function generate:xrds` to regenerate.
 */
const apis = path.join(crossplaneDir, 'apis');
const generated = [
  { file: 'dataproducts/definition.yaml', xrd: dataProductXrd() },
  { file: 'datadomains/definition.yaml', xrd: dataDomainXrd() },
  { file: 'dataaccesses/definition.yaml', xrd: dataAccessXrd() },
];

const HEADER =
  '# Generated from @meshifi/common by `yarn workspace @meshifi/crossplane-function generate:xrds`: do not edit.\n';

describe('checked-in XRDs', () => {
  it.each(generated)('$file matches the model', async ({ file, xrd }) => {
    const target = path.join(apis, file);
    if (process.env.MESHIFI_UPDATE_XRDS === 'true') {
      await fs.writeFile(target, HEADER + stringify(xrd, { lineWidth: 0 }));
    }
    const checkedIn = parse(await fs.readFile(target, 'utf8'));
    expect(checkedIn).toEqual(xrd);
  });
});
