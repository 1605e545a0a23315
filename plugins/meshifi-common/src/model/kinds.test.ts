import { GCP_KINDS } from '../compose/gcpKinds';
import { MESHIFI_API_VERSION } from '../constants';
import {
  apiPathOf,
  apiResourceOf,
  apiVersionOf,
  KINDS,
  kindOf,
  MANAGED_KINDS,
} from './kinds';

describe('the table of kinds', () => {
  it('has each GCP kind meshifi composes, with its apiVersion', () => {
    expect(
      MANAGED_KINDS.map(k => ({ apiVersion: apiVersionOf(k), kind: k.kind })),
    ).toEqual(Object.values(GCP_KINDS));
    expect(MANAGED_KINDS.every(k => k.scope === 'Namespaced')).toBe(true);
  });

  it('names the resources as the CRDs do', () => {
    expect(
      Object.values(KINDS).map(k =>
        `${k.plural}.${k.group}`.replace(/\.$/, ''),
      ),
    ).toEqual([
      'dataproducts.meshifi.io',
      'datadomains.meshifi.io',
      'dataaccesses.meshifi.io',
      'events',
      'kustomizations.kustomize.toolkit.fluxcd.io',
      'datasets.bigquery.gcp.m.upbound.io',
      'datasetiammembers.bigquery.gcp.m.upbound.io',
      'tables.bigquery.gcp.m.upbound.io',
      'serviceaccounts.cloudplatform.gcp.m.upbound.io',
      'serviceaccountiammembers.cloudplatform.gcp.m.upbound.io',
      'projectiammembers.cloudplatform.gcp.m.upbound.io',
    ]);
  });

  it('gives the apiVersion of meshifi kinds and of the core group', () => {
    expect(apiVersionOf(KINDS.dataProduct)).toBe(MESHIFI_API_VERSION);
    expect(apiVersionOf(KINDS.event)).toBe('v1');
  });

  it('builds the API path of a kind, in a namespace or in all', () => {
    expect(apiPathOf(KINDS.dataProduct)).toBe(
      '/apis/meshifi.io/v1alpha1/dataproducts',
    );
    expect(apiPathOf(KINDS.dataProduct, 'sales')).toBe(
      '/apis/meshifi.io/v1alpha1/namespaces/sales/dataproducts',
    );
    expect(apiPathOf(KINDS.event, 'sales')).toBe(
      '/api/v1/namespaces/sales/events',
    );
    // A cluster-scoped kind has no namespace in its path.
    expect(apiPathOf(KINDS.dataDomain, 'sales')).toBe(
      '/apis/meshifi.io/v1alpha1/datadomains',
    );
  });

  it('keeps a namespace from reaching into the rest of the path', () => {
    expect(apiPathOf(KINDS.dataset, '../x')).toBe(
      '/apis/bigquery.gcp.m.upbound.io/v1beta1/namespaces/..%2Fx/datasets',
    );
  });

  it('gives what a custom-objects client takes', () => {
    expect(apiResourceOf(KINDS.serviceAccount)).toEqual({
      group: 'cloudplatform.gcp.m.upbound.io',
      version: 'v1beta1',
      plural: 'serviceaccounts',
    });
  });

  it('finds the kind of an object by apiVersion and kind', () => {
    expect(kindOf(GCP_KINDS.datasetIamMember)).toBe(KINDS.datasetIamMember);
    expect(
      kindOf({ apiVersion: MESHIFI_API_VERSION, kind: 'DataDomain' }),
    ).toBe(KINDS.dataDomain);
    // The same kind name in another group is another kind.
    expect(
      kindOf({
        apiVersion: 'bigquery.gcp.upbound.io/v1beta1',
        kind: 'Dataset',
      }),
    ).toBeUndefined();
  });
});
