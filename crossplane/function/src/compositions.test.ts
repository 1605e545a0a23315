import { promises as fs } from 'fs';
import path from 'path';
import { parse, stringify } from 'yaml';
import { COMPOSITIONS } from './compositions';
import { crossplaneDir } from './testing/paths';

/**
 * The Compositions in crossplane/apis are generated from compositions.ts and
 * checked in, as the XRDs are. This test fails when they drift; run it with
 * MESHIFI_UPDATE_COMPOSITIONS=true to regenerate.
 */
const apis = path.join(crossplaneDir, 'apis');
const GENERATED =
  '# Generated from crossplane/function/src/compositions.ts (MESHIFI_UPDATE_COMPOSITIONS=true yarn test compositions): do not edit.\n';
const generated = [
  {
    file: 'dataproducts/composition.yaml',
    composition: COMPOSITIONS.DataProduct,
    about: [
      "DataProduct -> 3 BigQuery datasets, a service account, its IAM and the owners'",
      'impersonation rights, composed by the meshifi function. The function input',
      "holds the platform's settings: products of a DataDomain live in the domain's",
      'GCP project, the others in `project`. An EnvironmentConfig loaded earlier in',
      'the pipeline may set them too, under meshifi.platform.',
    ],
  },
  {
    file: 'datadomains/composition.yaml',
    composition: COMPOSITIONS.DataDomain,
    about: ['DataDomain -> the namespace its data products live in.'],
  },
  {
    file: 'dataaccesses/composition.yaml',
    composition: COMPOSITIONS.DataAccess,
    about: [
      'DataAccess -> one DatasetIAMMember that lets the consumer read a layer of a',
      "product of the grant's namespace, with an IAM condition that ends it when the",
      "expiry day ends (UTC). The function input holds the platform's rules for",
      'grants: the layers that may be shared and the longest a grant may run. An',
      'EnvironmentConfig may set them too, under meshifi.platform.access.',
    ],
  },
];

describe('checked-in Compositions', () => {
  it.each(generated)(
    '$file matches compositions.ts',
    async ({ file, composition, about }) => {
      const target = path.join(apis, file);
      if (process.env.MESHIFI_UPDATE_COMPOSITIONS === 'true') {
        await fs.writeFile(
          target,
          GENERATED +
            about.map(line => `# ${line}\n`).join('') +
            stringify(composition, { lineWidth: 0 }),
        );
      }
      const checkedIn = parse(await fs.readFile(target, 'utf8'));
      expect(checkedIn).toEqual(composition);
    },
  );
});
