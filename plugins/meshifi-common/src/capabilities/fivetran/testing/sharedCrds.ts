import Ajv from 'ajv';
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';

/** The repository root: MESHIFI_ROOT, or the folder above that holds plugins/meshifi-common. */
function repositoryRoot(): string | undefined {
  const fromEnvironment = process.env.MESHIFI_ROOT;
  if (fromEnvironment && existsSync(path.join(fromEnvironment, 'plugins'))) {
    return fromEnvironment;
  }
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'plugins', 'meshifi-common'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
  return dir;
}

/** The real CRDs kept beside the repository (../shared/crds), never in it. */
export const SHARED_CRDS = path.join(
  repositoryRoot() ?? '/nonexistent',
  '..',
  'shared',
  'crds',
);

/** The path of a shared CRD file, e.g. `provider-http-v1.0.14/http.m.crossplane.io_requests.yaml`. */
export const sharedCrd = (file: string) => path.join(SHARED_CRDS, file);

/** The files of those that are not beside the repository. */
const missingOf = (files: string[]) =>
  files.filter(file => !existsSync(sharedCrd(file)));

/** `describe` when the CRD files are there, else a skip (its title says why: {@link sharedCrdsNote}). */
export const describeWithCrds = (files: string[]) =>
  missingOf(files).length === 0 ? describe : describe.skip;

/** What a suite's title adds when CRD files are missing. */
export const sharedCrdsNote = (files: string[]) => {
  const missing = missingOf(files);
  return missing.length === 0
    ? ''
    : ` (skipped: ../shared/crds/${missing.join(
        ', ',
      )} is not beside the repository)`;
};

/**
 * A validator of one version of a CRD's openAPIV3Schema, as the API server
 * checks structure and types (Kubernetes' own keywords are left to it).
 */
export function crdValidator(file: string, version: string) {
  const crd = parse(readFileSync(sharedCrd(file), 'utf8'));
  const schema = crd.spec.versions.find(
    (v: { name: string }) => v.name === version,
  ).schema.openAPIV3Schema;
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
  });
  const validate = ajv.compile(schema);
  return (object: unknown) =>
    validate(object)
      ? []
      : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
}
