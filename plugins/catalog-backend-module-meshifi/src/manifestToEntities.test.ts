import {
  dataDomainManifest,
  dataProductManifest,
  dataProductManifestOf,
  DataProductEntity,
  PRODUCT_STATUSES,
} from '@meshifi/common';
import { manifestToEntities } from './manifestToEntities';

const product = dataProductManifest({
  info: {
    name: 'customer-orders',
    version: '0.2.0',
    title: 'Customer orders',
    description: 'Orders by customer',
  },
  access: { owners: ['ana@example.com', 'bo@example.com'] },
  domain: 'sales',
});
product.metadata.annotations = {
  'meshifi.io/owner': 'group:default/sales-analytics',
};

describe('manifestToEntities', () => {
  it('turns a product into its entity and its dataset and service account resources', () => {
    const result = manifestToEntities(product);
    if (!result.ok) throw new Error(result.message);
    const [entity, ...resources] = result.entities;
    expect(entity).toMatchObject({
      apiVersion: 'catalog.meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: {
        name: 'customer-orders',
        title: 'Customer orders',
        description: 'Orders by customer',
        annotations: {
          'meshifi.io/xr-name': 'customer-orders',
          'meshifi.io/xr-namespace': 'sales',
          'backstage.io/kubernetes-label-selector':
            'meshifi.io/data-product=customer-orders',
          'backstage.io/kubernetes-namespace': 'sales',
        },
      },
      spec: {
        type: 'data-product',
        // No status is an active product, whatever its version.
        lifecycle: 'production',
        owner: 'group:default/sales-analytics',
        domain: 'sales',
        version: '0.2.0',
        owners: ['ana@example.com', 'bo@example.com'],
        serviceAccountId: 'dp-customer-orders',
      },
    });
    expect(
      resources.map(r => [r.kind, r.metadata.name, (r.spec as any).type]),
    ).toEqual([
      ['Resource', 'customer_orders_raw', 'bigquery-dataset'],
      ['Resource', 'customer_orders_cleaned', 'bigquery-dataset'],
      ['Resource', 'customer_orders_curated', 'bigquery-dataset'],
      ['Resource', 'dp-customer-orders', 'gcp-service-account'],
    ]);
    for (const resource of resources) {
      expect(resource.spec).toMatchObject({
        owner: 'group:default/sales-analytics',
        dependencyOf: ['dataproduct:default/customer-orders'],
      });
    }
  });

  it('gives every entity the shared annotations, and only the product and the domain those of their file', () => {
    const options = {
      annotations: { 'backstage.io/managed-by-location': 'url:x/orders.yaml' },
      manifestAnnotations: { 'meshifi.io/gitops-path': 'orders.yaml' },
    };
    const result = manifestToEntities(product, options);
    if (!result.ok) throw new Error(result.message);
    const [entity, ...resources] = result.entities;
    expect(entity.metadata.annotations).toMatchObject({
      ...options.annotations,
      ...options.manifestAnnotations,
    });
    for (const resource of resources) {
      expect(resource.metadata.annotations).toEqual({
        ...options.annotations,
        'meshifi.io/data-product': 'customer-orders',
      });
      expect(resource.metadata.title).toBeUndefined();
    }
    const domain = manifestToEntities(
      dataDomainManifest('sales', {
        owner: 'group:default/sales-analytics',
        gcpProject: 'acme-sales-data',
      }),
      options,
    );
    expect(domain.ok && domain.entities[0].metadata.annotations).toMatchObject(
      options.manifestAnnotations,
    );
  });

  it('gives the product the Backstage lifecycle of its status, and keeps the status', () => {
    const lifecycles = PRODUCT_STATUSES.map(status => {
      const result = manifestToEntities({
        ...product,
        spec: {
          ...product.spec,
          status,
          ...(status === 'deprecated'
            ? {
                deprecation: { date: '2027-06-30', reason: 'Nobody reads it.' },
              }
            : {}),
        },
      });
      if (!result.ok) throw new Error(result.message);
      const { spec } = result.entities[0];
      expect(spec?.status).toBe(status);
      return [status, spec?.lifecycle];
    });
    expect(lifecycles).toEqual([
      ['proposed', 'experimental'],
      ['active', 'production'],
      ['deprecated', 'deprecated'],
      ['retired', 'retired'],
    ]);
  });

  it('keeps the capabilities the product turns on, for its page to show, and gives them back as the manifest had them', () => {
    const capabilities = {
      dbt: {
        repository: 'https://github.com/acme/sales-dbt.git',
        schedule: '0 6 * * *',
      },
    };
    const withCapabilities = {
      ...product,
      spec: { ...product.spec, capabilities },
    };
    const result = manifestToEntities(withCapabilities);
    if (!result.ok) throw new Error(result.message);
    const entity = result.entities[0];
    expect(entity.spec?.capabilities).toEqual(capabilities);
    expect(
      dataProductManifestOf(entity as unknown as DataProductEntity).spec
        .capabilities,
    ).toEqual(capabilities);

    const plain = manifestToEntities(product);
    if (!plain.ok) throw new Error(plain.message);
    expect(plain.entities[0].spec).not.toHaveProperty('capabilities');
  });

  it('falls back to the default owner, and says what to do without one', () => {
    const unowned = {
      ...product,
      metadata: { ...product.metadata, annotations: {} },
    };
    const owned = manifestToEntities(unowned, {
      defaultOwner: 'group:default/data-platform',
    });
    expect(owned.ok && owned.entities[0].spec?.owner).toBe(
      'group:default/data-platform',
    );
    expect(manifestToEntities(unowned)).toEqual({
      ok: false,
      message: expect.stringContaining('add the annotation meshifi.io/owner'),
    });
  });

  it('turns a domain into a Domain entity that knows its GCP project', () => {
    const domain = dataDomainManifest('sales', {
      title: 'Sales',
      owner: 'group:default/sales-analytics',
      gcpProject: 'acme-sales-data',
    });
    expect(manifestToEntities(domain)).toEqual({
      ok: true,
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Domain',
          metadata: {
            name: 'sales',
            namespace: 'default',
            title: 'Sales',
            tags: ['data-domain'],
            annotations: {
              'meshifi.io/xr-name': 'sales',
              'meshifi.io/gcp-project': 'acme-sales-data',
            },
          },
          spec: { owner: 'group:default/sales-analytics', type: 'data-domain' },
        },
      ],
    });
  });

  it('explains what is wrong with an invalid manifest', () => {
    expect(
      manifestToEntities({
        ...product,
        spec: { ...product.spec, access: { owners: ['not-an-email'] } },
      }),
    ).toEqual({
      ok: false,
      message:
        'Owner email: Give each owner as an email address, such as ana@example.com, or a Google group as group:sales@example.com.',
    });
  });
});
