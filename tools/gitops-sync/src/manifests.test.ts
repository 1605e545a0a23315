import { dataDomainManifest, dataProductManifest } from '@meshifi/common';
import { stringify } from 'yaml';
import { readManifest } from './manifests';

const domain = stringify(
  dataDomainManifest('sales', {
    owner: 'group:default/sales',
    gcpProject: 'acme-sales-data',
  }),
);

const productSpec = {
  info: { name: 'orders', version: '0.1.0' },
  access: { owners: ['ana@example.com'] },
};

describe('readManifest', () => {
  it('reads a domain into a cluster-scoped object marked as applied by the sync loop', () => {
    const read = readManifest('domains/sales/domain.yaml', domain);
    expect(read).toEqual({
      ok: true,
      object: {
        file: 'domains/sales/domain.yaml',
        kind: 'DataDomain',
        name: 'sales',
        body: {
          apiVersion: 'meshifi.io/v1alpha1',
          kind: 'DataDomain',
          metadata: {
            name: 'sales',
            labels: { 'app.kubernetes.io/managed-by': 'meshifi-gitops-sync' },
            annotations: {
              'meshifi.io/gitops-path': 'domains/sales/domain.yaml',
            },
          },
          spec: { owner: 'group:default/sales', gcpProject: 'acme-sales-data' },
        },
      },
    });
  });

  it('puts a product in its domain’s namespace, keeping its labels and dropping its status', () => {
    const manifest = {
      ...dataProductManifest({ ...productSpec, domain: 'sales' }),
      status: { conditions: [] },
    };
    const read = readManifest(
      'domains/sales/products/orders.yaml',
      stringify(manifest),
    );
    if (!read.ok) {
      throw new Error(read.message);
    }
    expect(read.object).toMatchObject({
      kind: 'DataProduct',
      name: 'orders',
      namespace: 'sales',
    });
    expect(read.object.body).toEqual({
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: {
        name: 'orders',
        namespace: 'sales',
        labels: {
          'meshifi.io/data-product': 'orders',
          'app.kubernetes.io/managed-by': 'meshifi-gitops-sync',
        },
        annotations: {
          'meshifi.io/gitops-path': 'domains/sales/products/orders.yaml',
        },
      },
      spec: { ...productSpec, domain: 'sales' },
    });
  });

  it('puts a product without a domain in the default namespace', () => {
    const read = readManifest(
      'products/orders.yaml',
      stringify(dataProductManifest(productSpec)),
    );
    expect(read.ok && read.object.namespace).toBe('default');
  });

  it.each([
    ['not YAML', 'a: [b', /products\/x.yaml: not valid YAML/],
    ['empty', '', /must hold exactly one DataProduct/],
    [
      'two documents',
      `${stringify(dataProductManifest(productSpec))}---\n${domain}`,
      /must hold exactly one DataProduct/,
    ],
    ['another kind', 'apiVersion: v1\nkind: ConfigMap\n', /exactly one/],
    ['a domain where a product belongs', domain, /exactly one DataProduct/],
    [
      'an invalid product',
      stringify(
        dataProductManifest({ ...productSpec, access: { owners: [] } }),
      ),
      /products\/x.yaml: spec.access.owners/,
    ],
    [
      'a product in a namespace other than its domain’s',
      stringify({
        ...dataProductManifest({ ...productSpec, domain: 'sales' }),
        metadata: { name: 'orders', namespace: 'marketing' },
      }),
      /metadata.namespace is "marketing", but the product lives in "sales"/,
    ],
  ])(
    'refuses a file that is %s, with its path and why',
    (_what, content, message) => {
      const read = readManifest('products/x.yaml', content);
      expect(read).toEqual({
        ok: false,
        file: 'products/x.yaml',
        message: expect.stringMatching(message),
      });
    },
  );

  it('refuses a product where a domain belongs', () => {
    const read = readManifest(
      'domains/sales/domain.yaml',
      stringify(dataProductManifest(productSpec)),
    );
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(
      /domains\/sales\/domain.yaml: must hold exactly one DataDomain/,
    );
  });
});
