import { KubernetesObject } from '../model/types';
import {
  composedResourcesOf,
  composingXrOf,
  resourceRefsOf,
} from './composedResources';

const xr: KubernetesObject = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders', namespace: 'sales' },
  spec: {
    crossplane: {
      resourceRefs: [
        {
          apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
          kind: 'Dataset',
          name: 'orders-raw',
        },
      ],
    },
  },
};

const managed = (
  name: string,
  options: {
    namespace?: string;
    labels?: Record<string, string>;
    kind?: string;
  } = {},
): KubernetesObject => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: options.kind ?? 'Dataset',
  metadata: {
    name,
    namespace: options.namespace ?? 'sales',
    labels: options.labels,
  },
});

describe('composedResourcesOf', () => {
  it('takes the resources the XR references and those labelled for it, each once', () => {
    const referenced = managed('orders-raw');
    const labelled = managed('orders-cleaned', {
      labels: { 'crossplane.io/composite': 'orders' },
    });
    const both = managed('orders-curated', {
      labels: { 'crossplane.io/composite': 'orders' },
    });
    expect(
      composedResourcesOf(
        {
          ...xr,
          spec: {
            crossplane: {
              resourceRefs: [
                ...resourceRefsOf(xr),
                { ...both, name: both.metadata.name },
              ],
            },
          },
        },
        [referenced, labelled, both],
      ),
    ).toEqual([referenced, labelled, both]);
  });

  it('leaves out another product’s resources, the same names in another namespace and other kinds of the same name', () => {
    expect(
      composedResourcesOf(xr, [
        managed('returns-raw', {
          labels: { 'crossplane.io/composite': 'returns' },
        }),
        managed('orders-raw', { namespace: 'finance' }),
        managed('orders-cleaned', {
          namespace: 'finance',
          labels: { 'crossplane.io/composite': 'orders' },
        }),
        managed('orders-raw', { kind: 'DatasetIAMMember' }),
      ]),
    ).toEqual([]);
  });

  it('reads no references from an XR whose spec has none, or has them malformed', () => {
    expect(resourceRefsOf({ ...xr, spec: undefined })).toEqual([]);
    expect(
      resourceRefsOf({ ...xr, spec: { crossplane: { resourceRefs: 'x' } } }),
    ).toEqual([]);
  });
});

describe('composingXrOf', () => {
  it('names the XR by Crossplane’s label, else meshifi’s', () => {
    expect(
      composingXrOf(
        managed('a', { labels: { 'meshifi.io/data-product': 'orders' } }),
      ),
    ).toEqual({ namespace: 'sales', name: 'orders' });
    expect(composingXrOf(managed('a'))).toBeUndefined();
  });
});
