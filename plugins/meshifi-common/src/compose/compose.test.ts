import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { IAM_ROLES, LABELS } from '../constants';
import { dataDomainManifest, dataProductManifest } from '../model/manifests';
import { DataProduct, OutputPort, PlatformConfig } from '../model/types';
import { datasetId } from '../naming/datasetId';
import { resourceNames } from '../naming/resourceName';
import { ValidationError } from '../validation/Problem';
import { compose } from './compose';
import {
  bigQueryFields,
  COLUMN_DESCRIPTION_MAX_LENGTH,
  PERSONAL_DATA_MARK,
} from './tableSchema';

/** A Kubernetes name most kinds (custom resources among them) accept. */
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const platform: PlatformConfig = {
  project: 'meshifi-platform',
  location: 'EU',
};

const product = (overrides: Partial<DataProduct['spec']> = {}) =>
  dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com', 'bo@example.com'] },
    ...overrides,
  });

const byKind = (kind: string, resources: ReturnType<typeof compose>) =>
  resources.filter(r => r.resource.kind === kind);

const forProvider = (r: ReturnType<typeof compose>[number]) =>
  (r.resource.spec as { forProvider: Record<string, unknown> }).forProvider;

describe('compose', () => {
  it('composes exactly the resources a product needs', () => {
    const resources = compose(product(), platform);
    const kinds = resources.map(
      r => `${r.resource.apiVersion} ${r.resource.kind}`,
    );
    expect(kinds.sort()).toEqual(
      [
        ...Array(3).fill('bigquery.gcp.m.upbound.io/v1beta1 Dataset'),
        ...Array(3).fill('bigquery.gcp.m.upbound.io/v1beta1 DatasetIAMMember'),
        'cloudplatform.gcp.m.upbound.io/v1beta1 ServiceAccount',
        'cloudplatform.gcp.m.upbound.io/v1beta1 ProjectIAMMember',
        ...Array(2).fill(
          'cloudplatform.gcp.m.upbound.io/v1beta1 ServiceAccountIAMMember',
        ),
      ].sort(),
    );
  });

  it('makes the raw, cleaned and curated datasets with BigQuery ids', () => {
    const datasets = byKind('Dataset', compose(product(), platform));
    expect(
      datasets.map(
        d => d.resource.metadata.annotations?.['crossplane.io/external-name'],
      ),
    ).toEqual([
      'customer_orders_raw',
      'customer_orders_cleaned',
      'customer_orders_curated',
    ]);
    for (const dataset of datasets) {
      expect(forProvider(dataset)).toMatchObject({
        project: 'meshifi-platform',
        location: 'EU',
        deleteContentsOnDestroy: false,
      });
    }
  });

  it('lets the service account write to each dataset and run jobs', () => {
    const resources = compose(product(), platform);
    const email = 'dp-customer-orders@meshifi-platform.iam.gserviceaccount.com';
    expect(byKind('DatasetIAMMember', resources).map(forProvider)).toEqual(
      ['raw', 'cleaned', 'curated'].map(layer => ({
        project: 'meshifi-platform',
        datasetId: `customer_orders_${layer}`,
        role: IAM_ROLES.datasetWriter,
        member: `serviceAccount:${email}`,
      })),
    );
    expect(byKind('ProjectIAMMember', resources).map(forProvider)).toEqual([
      {
        project: 'meshifi-platform',
        role: 'roles/bigquery.jobUser',
        member: `serviceAccount:${email}`,
      },
    ]);
  });

  it('lets each owner impersonate the service account', () => {
    const members = byKind(
      'ServiceAccountIAMMember',
      compose(product(), platform),
    );
    expect(members.map(forProvider)).toEqual(
      ['ana@example.com', 'bo@example.com'].map(owner => ({
        serviceAccountId:
          'projects/meshifi-platform/serviceAccounts/dp-customer-orders@meshifi-platform.iam.gserviceaccount.com',
        role: 'roles/iam.serviceAccountTokenCreator',
        member: `user:${owner}`,
      })),
    );
    expect(members.map(m => m.owner)).toEqual([
      'ana@example.com',
      'bo@example.com',
    ]);
  });

  it('uses the project of the domain and the location of the product', () => {
    const domain = dataDomainManifest('sales', {
      owner: 'group:default/sales',
      gcpProject: 'acme-sales-data',
    });
    const resources = compose(
      product({ domain: 'sales', location: 'US' }),
      platform,
      domain,
    );
    for (const r of resources) {
      expect(JSON.stringify(forProvider(r))).not.toContain('meshifi-platform');
      expect(r.resource.metadata.labels).toMatchObject({
        [LABELS.dataProduct]: 'customer-orders',
        [LABELS.domain]: 'sales',
      });
    }
    expect(forProvider(byKind('Dataset', resources)[0])).toMatchObject({
      project: 'acme-sales-data',
      location: 'US',
    });
  });

  it('refuses a domain other than the product names', () => {
    const other = dataDomainManifest('finance', {
      owner: 'group:default/finance',
      gcpProject: 'acme-finance',
    });
    expect(() =>
      compose(product({ domain: 'sales' }), platform, other),
    ).toThrow(/belongs to the domain "sales", not "finance"/);
    expect(() =>
      compose(product({ domain: 'sales' }), platform, other),
    ).toThrow(InputError);
  });

  it('gives every resource a distinct key and Kubernetes name', () => {
    const owners = Array.from(
      { length: 20 },
      (_, i) => `owner${i}@example.com`,
    );
    const resources = compose(product({ access: { owners } }), platform);
    expect(new Set(resources.map(r => r.key)).size).toBe(resources.length);
    expect(new Set(resources.map(r => r.resource.metadata.name)).size).toBe(
      resources.length,
    );
    for (const r of resources) {
      expect(r.resource.metadata.name).toMatch(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      );
      expect(r.resource.metadata.name.length).toBeLessThanOrEqual(253);
    }
  });

  it('returns nothing but an error for an invalid product', () => {
    const bad = product({ access: { owners: ['not-an-email'] } });
    expect(() => compose(bad, platform)).toThrow(ValidationError);
    expect(() => compose(bad, platform)).toThrow(/email address/);
  });

  it('uses the provider config the platform names', () => {
    const resources = compose(product(), {
      ...platform,
      providerConfig: { kind: 'ProviderConfig', name: 'sales' },
    });
    for (const r of resources) {
      expect((r.resource.spec as any).providerConfigRef).toEqual({
        kind: 'ProviderConfig',
        name: 'sales',
      });
    }
  });
});

describe('compose: the tables of output ports', () => {
  const orders: OutputPort = {
    name: 'orders',
    description: 'One row per order, refreshed hourly.',
    contract: {
      columns: [
        { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
        {
          name: 'customer_email',
          type: 'STRING',
          description: 'Where the receipt went.',
          personalData: true,
        },
        { name: 'amount', type: 'NUMERIC', description: 'In euros.' },
        { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      ],
      primaryKey: ['order_id'],
    },
  };
  const ordersByDay: OutputPort = {
    name: 'orders_by_day',
    contract: {
      columns: [
        { name: 'day', type: 'DATE', mode: 'REQUIRED' },
        { name: 'orders', type: 'INT64' },
      ],
    },
  };
  const salesDomain = dataDomainManifest('sales', {
    owner: 'group:default/sales',
    gcpProject: 'acme-sales-data',
  });
  const withPorts = (...outputPorts: OutputPort[]) =>
    compose(product({ domain: 'sales', outputPorts }), platform, salesDomain);
  const tables = (...outputPorts: OutputPort[]) =>
    withPorts(...outputPorts).filter(r => r.role === 'table');
  const schemaOf = (table: ReturnType<typeof compose>[number]) =>
    JSON.parse(forProvider(table).schema as string);

  it('composes one Table per port, in the curated dataset, named by the port', () => {
    const composed = tables(orders, ordersByDay);
    expect(composed.map(t => t.key)).toEqual([
      'table-orders',
      'table-orders_by_day',
    ]);
    expect(
      composed.map(t => ({
        apiVersion: t.resource.apiVersion,
        kind: t.resource.kind,
        name: t.resource.metadata.name,
        table: t.resource.metadata.annotations?.['crossplane.io/external-name'],
        dataset: forProvider(t).datasetId,
        project: forProvider(t).project,
      })),
    ).toEqual(
      [orders, ordersByDay].map(port => ({
        apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
        kind: 'Table',
        name: resourceNames.table('customer-orders', port.name),
        table: port.name,
        dataset: datasetId('customer-orders', 'curated'),
        project: 'acme-sales-data',
      })),
    );
    for (const table of composed) {
      expect(table.resource.metadata.name).toMatch(DNS_SUBDOMAIN);
      expect(table.layer).toBe('curated');
    }
  });

  it("writes the contract's columns as the table's BigQuery schema, in order", () => {
    const [table] = tables(orders);
    expect(schemaOf(table)).toEqual([
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
      {
        name: 'customer_email',
        type: 'STRING',
        mode: 'NULLABLE',
        description: `${PERSONAL_DATA_MARK} Where the receipt went.`,
      },
      {
        name: 'amount',
        type: 'NUMERIC',
        mode: 'NULLABLE',
        description: 'In euros.',
      },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
    ]);
  });

  it('keys the table by the contract’s primary key, and only when it has one', () => {
    const [keyed, unkeyed] = tables(orders, ordersByDay);
    expect(forProvider(keyed).tableConstraints).toEqual({
      primaryKey: { columns: ['order_id'] },
    });
    expect(forProvider(unkeyed)).not.toHaveProperty('tableConstraints');
    expect(
      forProvider(
        tables({
          ...ordersByDay,
          contract: { ...ordersByDay.contract, primaryKey: [] },
        })[0],
      ),
    ).not.toHaveProperty('tableConstraints');
  });

  it('labels the table like the datasets, with its port, and marks personal data', () => {
    const [personal, plain] = tables(orders, ordersByDay);
    expect(forProvider(personal).labels).toEqual({
      'meshifi-data-product': 'customer-orders',
      'meshifi-layer': 'curated',
      'meshifi-domain': 'sales',
      'meshifi-output-port': 'orders',
      'meshifi-personal-data': 'true',
    });
    expect(forProvider(plain).labels).not.toHaveProperty(
      'meshifi-personal-data',
    );
    expect(personal.resource.metadata.labels).toMatchObject({
      [LABELS.dataProduct]: 'customer-orders',
      [LABELS.role]: 'table',
      [LABELS.domain]: 'sales',
    });
    // BigQuery label values: lower-case letters, digits, _ and -, up to 63.
    for (const value of Object.values(
      forProvider(personal).labels as Record<string, string>,
    )) {
      expect(value).toMatch(/^[a-z0-9_-]{0,63}$/);
    }
  });

  it('says what the table is, with the port’s description or one in words', () => {
    const [described, undescribed] = tables(orders, ordersByDay);
    expect(forProvider(described).description).toBe(orders.description);
    expect(forProvider(undescribed).description).toBe(
      'The output port orders_by_day of the data product customer-orders.',
    );
    expect(described.summary).toBe(
      'BigQuery table customer_orders_curated.orders (output port orders) with 4 columns, keyed by order_id, in project acme-sales-data',
    );
    expect(undescribed.summary).toContain('with 2 columns, in project');
  });

  it('never lets Crossplane or Terraform delete a table', () => {
    for (const table of tables(orders, ordersByDay)) {
      expect(forProvider(table).deletionProtection).toBe(true);
      const policies = (table.resource.spec as any).managementPolicies;
      expect(policies).toEqual(
        expect.arrayContaining(['Observe', 'Create', 'Update']),
      );
      expect(policies).not.toContain('Delete');
      expect(policies).not.toContain('*');
    }
  });

  it('composes no table for a product without output ports', () => {
    expect(withPorts().filter(r => r.resource.kind === 'Table')).toEqual([]);
  });

  it('refuses, composing nothing, a port whose key names a column it does not have', () => {
    const broken = {
      ...orders,
      contract: { ...orders.contract, primaryKey: ['no_such_column'] },
    };
    expect(() => withPorts(broken)).toThrow(ValidationError);
  });

  it('keeps every personal column’s description within BigQuery’s 1,024 characters, marked first', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: COLUMN_DESCRIPTION_MAX_LENGTH }),
        description => {
          const [field] = bigQueryFields([
            { name: 'c', type: 'STRING', description, personalData: true },
          ]);
          expect(field.description!.length).toBeLessThanOrEqual(
            COLUMN_DESCRIPTION_MAX_LENGTH,
          );
          expect(field.description!.startsWith(PERSONAL_DATA_MARK)).toBe(true);
        },
      ),
    );
  });

  it('leaves the description of a column without personal data as the contract has it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: COLUMN_DESCRIPTION_MAX_LENGTH }),
        description => {
          const [field] = bigQueryFields([
            { name: 'c', type: 'STRING', description },
          ]);
          expect(field.description).toBe(description || undefined);
        },
      ),
    );
  });
});
