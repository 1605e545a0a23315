/*
 * The local control plane's namespaced GCP CRDs are derived from provider
 * v1.14's (scripts/lib/namespaced-gcp-crds.js). Against the real CRDs of
 * provider-gcp v2.6.0 in ../shared/crds: every field both have is of the
 * same type, so what meshifi composes is accepted or refused alike. Skipped,
 * saying so in its name, without ../shared.
 */
import { crossplaneTools } from '@meshifi/test-utils';
import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { describeWithSharedCrds, SHARED_CRDS } from './testing/sharedCrds';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
};

/** Where two schemas give a field both have different types. */
function typeDifferences(derived: Schema, real: Schema, at = ''): string[] {
  if (derived.type !== real.type) {
    return [`${at || '/'}: ${derived.type} here, ${real.type} in v2.6.0`];
  }
  if (derived.type === 'array') {
    return typeDifferences(derived.items ?? {}, real.items ?? {}, `${at}[]`);
  }
  return Object.entries(derived.properties ?? {}).flatMap(([name, field]) =>
    real.properties?.[name]
      ? typeDifferences(field, real.properties[name], `${at}.${name}`)
      : [],
  );
}

const v1beta1Schema = (file: string): Schema =>
  parse(readFileSync(file, 'utf8')).spec.versions.find(
    (v: { name: string }) => v.name === 'v1beta1',
  ).schema.openAPIV3Schema;

describeWithSharedCrds(
  `the derived GCP CRDs${
    existsSync(SHARED_CRDS)
      ? ''
      : ' (skipped: ../shared/crds/provider-gcp-v2.6.0 is not there)'
  }`,
  () => {
    it('type every field as provider-gcp v2.6.0 does', () => {
      const derivedDir = crossplaneTools().gcpCrds;
      const twins = readdirSync(derivedDir).filter(file =>
        existsSync(path.join(SHARED_CRDS, file)),
      );
      expect(twins).toEqual(
        expect.arrayContaining([
          'bigquery.gcp.m.upbound.io_datasets.yaml',
          'bigquery.gcp.m.upbound.io_datasetiammembers.yaml',
          'bigquery.gcp.m.upbound.io_tables.yaml',
          'cloudplatform.gcp.m.upbound.io_projectiammembers.yaml',
          'cloudplatform.gcp.m.upbound.io_serviceaccountiammembers.yaml',
        ]),
      );
      const differences = twins.flatMap(file =>
        typeDifferences(
          v1beta1Schema(path.join(derivedDir, file)),
          v1beta1Schema(path.join(SHARED_CRDS, file)),
        ).map(difference => `${file} ${difference}`),
      );
      expect(differences).toEqual([]);
    }, 600_000);
  },
);
