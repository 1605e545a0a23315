import { composeCapability } from '../productCapabilities';
import { composeFivetran, RAW_EDITOR_KEY } from './composeFivetran';
import { fivetranCapability } from '.';
import { readFivetranSettings } from './fivetranSettings';
import { context, rawSettings, settings, spec } from './testing/fixtures';
import {
  crdValidator,
  describeWithCrds,
  sharedCrdsNote,
} from './testing/sharedCrds';
import type { DataProduct } from '../../model/types';

const composed = () =>
  composeFivetran({ spec, context, settings, product: {} as DataProduct });

const product = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-orders', namespace: 'sales' },
  spec: {
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    capabilities: { fivetran: spec },
  },
} as DataProduct;

describe('composeFivetran', () => {
  it("lets the group's service account write the raw dataset, in the product's project", () => {
    const editor = composed().find(c => c.key === RAW_EDITOR_KEY)!;
    expect(editor.resource).toEqual({
      apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
      kind: 'DatasetIAMMember',
      metadata: { name: 'customer-orders-raw-fivetran' },
      spec: {
        forProvider: {
          project: 'acme-sales-data',
          datasetId: 'customer_orders_raw',
          role: 'roles/bigquery.dataEditor',
          member:
            'serviceAccount:g-projected-sickle@fivetran-prod.iam.gserviceaccount.com',
        },
        providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
      },
    });
  });

  it('composes one Request per connection, named after the product and the connection', () => {
    const requests = composed().filter(c => c.resource.kind === 'Request');
    expect(requests.map(c => [c.key, c.resource.metadata.name])).toEqual([
      ['fivetran-connection-shop', 'customer-orders.shop'],
      ['fivetran-connection-payments', 'customer-orders.payments'],
    ]);
    expect(requests.map(c => c.summary)).toEqual([
      'Fivetran connection shop (Google Sheets) loading customer_orders_raw every 60 minutes',
      'Fivetran connection payments (Stripe) loading customer_orders_raw every 360 minutes',
    ]);
  });

  it("uses the group of the product's project where the platform gives one", () => {
    const finance = {
      groupId: 'finance_group',
      serviceAccountEmail:
        'g-finance-group@fivetran-prod.iam.gserviceaccount.com',
    };
    const perProject = readFivetranSettings({
      ...rawSettings,
      projects: { 'acme-sales-data': finance },
    });
    const resources = composeFivetran({
      spec,
      context,
      settings: perProject,
      product: {} as DataProduct,
    });
    const body = JSON.parse(
      (resources[1].resource.spec as any).forProvider.payload.body,
    );
    expect(body.group_id).toBe('finance_group');
    expect((resources[0].resource.spec as any).forProvider.member).toBe(
      `serviceAccount:${finance.serviceAccountEmail}`,
    );
  });

  it('says what to set when the project has no group', () => {
    const elsewhere = readFivetranSettings({
      ...rawSettings,
      groupId: undefined,
      serviceAccountEmail: undefined,
      projects: {
        'acme-finance-data': {
          groupId: 'finance_group',
          serviceAccountEmail:
            'g-finance-group@fivetran-prod.iam.gserviceaccount.com',
        },
      },
    });
    expect(() =>
      composeFivetran({
        spec,
        context,
        settings: elsewhere,
        product: {} as DataProduct,
      }),
    ).toThrow(
      'The platform has no Fivetran group for the GCP project acme-sales-data: set groupId and serviceAccountEmail under platform.capabilities.fivetran.projects.acme-sales-data.',
    );
  });

  it("carries the product's labels and the capability's through the framework, keys unchanged", () => {
    const resources = composeCapability(
      fivetranCapability,
      product,
      context,
      settings,
    );
    expect(resources.map(r => r.key)).toEqual([
      'fivetran-raw-editor',
      'fivetran-connection-shop',
      'fivetran-connection-payments',
    ]);
    for (const { resource } of resources) {
      expect(resource.metadata.labels).toEqual({
        'meshifi.io/data-product': 'customer-orders',
        'meshifi.io/domain': 'sales',
        'meshifi.io/role': 'capability',
        'meshifi.io/capability': 'fivetran',
      });
      // Crossplane v2 composes in the product's namespace.
      expect(resource.metadata.namespace).toBeUndefined();
    }
  });
});

const CRDS = [
  'provider-gcp-v2.6.0/bigquery.gcp.m.upbound.io_datasetiammembers.yaml',
  'provider-http-v1.0.14/http.m.crossplane.io_requests.yaml',
];
const describeWithTheCrds = describeWithCrds(CRDS);

describeWithTheCrds(
  `the composed resources against the real CRDs${sharedCrdsNote(CRDS)}`,
  () => {
    it('are a DatasetIAMMember provider-gcp v2.6.0 accepts and Requests provider-http v1.0.14 accepts, and the CRDs bite', () => {
      const member = crdValidator(
        'provider-gcp-v2.6.0/bigquery.gcp.m.upbound.io_datasetiammembers.yaml',
        'v1beta1',
      );
      const request = crdValidator(
        'provider-http-v1.0.14/http.m.crossplane.io_requests.yaml',
        'v1alpha2',
      );
      const [editor, ...requests] = composed();
      expect(member(editor.resource)).toEqual([]);
      for (const r of requests) {
        expect(request(r.resource)).toEqual([]);
      }
      const broken = JSON.parse(JSON.stringify(editor.resource));
      broken.spec.forProvider.condition = 'soon';
      expect(member(broken)).not.toEqual([]);
    });
  },
);
