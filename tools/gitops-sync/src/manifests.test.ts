import {
  dataDomainManifest,
  dataProductManifest,
  GITOPS_FILE_LIMITS,
} from '@meshifi/common';
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
    ['not YAML', 'a: [b', /products\/x.yaml is not valid YAML/],
    ['empty', '', /holds 0 YAML documents: keep exactly one manifest/],
    [
      'two documents',
      `${stringify(dataProductManifest(productSpec))}---\n${domain}`,
      /holds 2 YAML documents: keep exactly one manifest/,
    ],
    [
      'another kind',
      'apiVersion: v1\nkind: ConfigMap\n',
      /must hold one meshifi DataProduct or DataDomain/,
    ],
    [
      'a domain where a product belongs',
      domain,
      /holds DataDomain "sales", whose place is domains\/sales\/domain.yaml/,
    ],
    [
      'an invalid product',
      stringify(
        dataProductManifest({ ...productSpec, access: { owners: [] } }),
      ),
      /products\/x.yaml spec.access.owners: /,
    ],
    [
      'a product in a namespace other than its domain’s',
      stringify({
        ...dataProductManifest({ ...productSpec, domain: 'sales' }),
        metadata: { name: 'orders', namespace: 'marketing' },
      }),
      /metadata.namespace \("marketing"\) must be the product's domain \("sales"\)/,
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
      /domains\/sales\/domain.yaml holds DataProduct "orders", whose place is products\/orders.yaml/,
    );
  });
});

describe('readManifest, with meshifi’s one rule for GitOps content', () => {
  const salesOrders = (owners: string[]) =>
    stringify(
      dataProductManifest({
        ...productSpec,
        domain: 'sales',
        access: { owners },
      }),
    );

  it('refuses a file that holds another domain’s product: it cannot shadow it', () => {
    const read = readManifest(
      'domains/aaa/products/orders.yaml',
      salesOrders(['mallory@example.com']),
    );
    expect(read).toEqual({
      ok: false,
      file: 'domains/aaa/products/orders.yaml',
      message: expect.stringMatching(
        /^domains\/aaa\/products\/orders.yaml holds DataProduct "orders", whose place is domains\/sales\/products\/orders.yaml/,
      ),
    });
    expect(
      readManifest(
        'domains/sales/products/orders.yaml',
        salesOrders(['ana@example.com']),
      ).ok,
    ).toBe(true);
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(
        `${next}: &${next} [${Array(8).fill(`*${previous}`).join(',')}]`,
      );
    }
    const read = readManifest('products/bomb.yaml', `${lines.join('\n')}\n`);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/^products\/bomb.yaml /);
  });

  it('refuses a file over the size limit', () => {
    const content = `# ${'x'.repeat(
      GITOPS_FILE_LIMITS.maxBytes,
    )}\n${salesOrders(['ana@example.com'])}`;
    const read = readManifest('domains/sales/products/orders.yaml', content);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/bytes long/);
  });

  it('refuses a path with a control character, and shows it on one line', () => {
    const read = readManifest(
      'domains/sales/products/a\nb.yaml',
      salesOrders(['ana@example.com']),
    );
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(
      /^domains\/sales\/products\/a\\u000ab.yaml has a control character/,
    );
    expect(!read.ok && read.message).not.toContain('\n');
  });
});
