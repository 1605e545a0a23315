import {
  buildProvisioningReport,
  compose,
  ComposedResource,
  Condition,
  dataProductManifest,
  explainProviderFailure,
  KubernetesObject,
} from '@meshifi/common';
import { formatStatusText } from './formatStatusText';

const manifest = dataProductManifest({
  info: { name: 'orders', version: '0.1.0' },
  access: { owners: ['ana@example.com'] },
  domain: 'sales',
});
const expected = compose(manifest, { project: 'acme-sales', location: 'EU' });

const synced: Condition = { type: 'Synced', status: 'True' };
const ready: Condition = { type: 'Ready', status: 'True' };
const creating: Condition = {
  type: 'Ready',
  status: 'False',
  reason: 'Creating',
};
const denied: Condition = {
  type: 'Synced',
  status: 'False',
  reason: 'ReconcileError',
  message:
    'create failed: googleapi: Error 403: Access Denied: Project acme-sales: User does not have bigquery.datasets.create permission in project acme-sales., accessDenied',
};

const xr = (...conditions: Condition[]): KubernetesObject => ({
  ...manifest,
  metadata: { ...manifest.metadata, namespace: 'sales', uid: 'xr' },
  status: { conditions },
});

/** A composed resource as the API server has it, with the provider's conditions. */
const composed = (e: ComposedResource, ...conditions: Condition[]) => ({
  ...e.resource,
  metadata: {
    ...e.resource.metadata,
    namespace: 'sales',
    annotations: {
      ...e.resource.metadata.annotations,
      'crossplane.io/composition-resource-name': e.key,
    },
  },
  status: { conditions },
});

const text = (
  product: KubernetesObject,
  resources: KubernetesObject[],
  owner?: string,
) =>
  formatStatusText(
    buildProvisioningReport({
      xr: product,
      composed: resources,
      expected,
      events: [],
      cluster: { name: 'prod', connection: 'live' },
      observedAt: new Date('2026-12-02T10:00:00Z'),
    }),
    { name: 'sales', owner },
  );

describe('formatStatusText', () => {
  it('gives the headline, each resource in words with its state, and when it was read', () => {
    const out = text(
      xr(synced, ready),
      expected.map(e => composed(e, synced, ready)),
    );
    const lines = out.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'orders in the domain sales: Ready',
      // The service account's email comes from what the provider observed: none here.
      'Ready: write to orders_raw; query in acme-sales',
      `All ${expected.length} resources are ready.`,
    ]);
    expect(lines).toContain(
      '  Ready          the raw dataset: BigQuery dataset orders_raw (raw layer) in EU, project acme-sales',
    );
    expect(lines).toContain(
      "  Ready          ana@example.com's right to act as the service account: ana@example.com may act as dp-orders@acme-sales.iam.gserviceaccount.com",
    );
    expect(
      out.endsWith(
        'News\n  No news.\n\nAs of 2026-12-02T10:00:00.000Z · cluster prod\n',
      ),
    ).toBe(true);
  });

  it('explains a failing resource: what happened, what to do, whom to ask, then Google’s words', () => {
    const out = text(
      xr(synced, creating),
      expected.map(e =>
        e.key === 'dataset-raw'
          ? composed(e, denied, creating)
          : composed(e, synced, ready),
      ),
      'group:default/sales-team',
    );
    const lines = out.split('\n');
    const failure = explainProviderFailure(denied.message!, {
      what: 'the raw dataset',
    });
    expect(failure.fixer).toBe('platform-team');
    expect(lines[0]).toBe('orders in the domain sales: Partly failing');
    expect(lines[1]).toMatch(/^Blocked: .*the raw dataset/);
    const at = lines.findIndex(l => l.startsWith('  Failing '));
    expect(lines[at]).toBe(
      '  Failing        the raw dataset: BigQuery dataset orders_raw (raw layer) in EU, project acme-sales',
    );
    expect(lines[at + 1]).toBe(`    ${lines[1].replace(/^Blocked: /, '')}`);
    // What to do says whom to ask: the platform team, for a permission.
    expect(lines[at + 2]).toBe(`    ${failure.toDo}`);
    expect(lines[at + 3]).toBe(`    Details: ${denied.message}`);
  });

  it('lists what is not created yet while the product is being created', () => {
    const [first] = expected;
    const out = text(xr(synced, creating), [composed(first, synced, creating)]);
    expect(out).toContain(
      `Not yet: ${expected.length} of ${expected.length} resources are being created (usually under a minute).`,
    );
    expect(out).toContain(
      `  Being created  the raw dataset: ${first.summary}\n`,
    );
    expect(out).toContain(`Not created yet\n  - ${expected[1].summary}\n`);
  });
});
