import { ProvisionedResource, ProvisioningReport } from '@meshifi/common';
import fc from 'fast-check';
import { graphOf, LABEL_MAX_CHARS, shortened } from './graphOf';

const dataset = (
  layer: string,
  datasetId: string,
  state: { ready: boolean; problem?: string },
): ProvisionedResource => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'Dataset',
  role: 'dataset',
  layer,
  name: datasetId.replace(/_/g, '-'),
  externalName: datasetId,
  ready: state.ready,
  synced: !state.problem,
  problem: state.problem ? { message: state.problem } : undefined,
  details: { datasetId },
});

const report = (
  overrides: Partial<ProvisioningReport> = {},
): ProvisioningReport => ({
  state: 'degraded',
  reason: '',
  observedAt: '2026-11-21T10:00:00Z',
  clusters: [],
  resources: [],
  missing: [],
  events: [],
  ...overrides,
});

describe('graphOf', () => {
  it('groups resources by purpose under the product, coloured by state', () => {
    const { nodes, edges } = graphOf(
      'Orders',
      report({
        resources: [
          dataset('raw', 'orders_raw', { ready: true }),
          dataset('cleaned', 'orders_cleaned', { ready: false }),
          dataset('curated', 'orders_curated', {
            ready: false,
            problem: 'Error 403',
          }),
          {
            apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
            kind: 'ServiceAccountIAMMember',
            role: 'owner-impersonation',
            name: 'orders-owner-ana',
            ready: true,
            synced: true,
            details: { member: 'user:ana@acme.example' },
          },
        ],
        missing: [
          {
            key: 'service-account',
            apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
            kind: 'ServiceAccount',
            name: 'orders-sa',
            role: 'service-account',
            summary: 'Service account dp-orders',
          },
        ],
      }),
    );
    expect(nodes.map(n => [n.title, n.name, n.state])).toEqual([
      ['Orders', undefined, 'product'],
      ['Datasets', undefined, 'group'],
      ['Raw dataset', 'orders_raw', 'ready'],
      ['Cleaned dataset', 'orders_cleaned', 'creating'],
      ['Curated dataset', 'orders_curated', 'failing'],
      ['Service account', undefined, 'group'],
      ['Service account (not yet)', 'orders-sa', 'missing'],
      ['Access', undefined, 'group'],
      ['ana@acme.example acts as it', 'orders-owner-ana', 'ready'],
    ]);
    const parent = (id: string) => edges.find(e => e.to === id)?.from;
    expect(parent('group/datasets')).toBe('product');
    expect(parent('Dataset/orders-raw')).toBe('group/datasets');
    expect(parent('ServiceAccount/orders-sa')).toBe('group/service-account');
    expect(edges).toHaveLength(nodes.length - 1);
  });

  it('shortens a long id in the middle, keeping the whole of it for the tooltip', () => {
    const id = 'customer_lifetime_value_predictions_for_emea_retail_raw';
    const [, , node] = graphOf(
      'Customer lifetime value',
      report({ resources: [dataset('raw', id, { ready: true })] }),
    ).nodes;
    expect(node.name!.length).toBe(LABEL_MAX_CHARS);
    expect(node.name!.startsWith('customer_lifeti')).toBe(true);
    expect(node.name!.endsWith('_raw')).toBe(true);
    expect(node.full).toContain(id);
  });

  it('never gives a line longer than a node holds, whatever the names', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 200 }),
        (productName, datasetId, member) => {
          const { nodes } = graphOf(
            productName,
            report({
              resources: [
                dataset('raw', datasetId, { ready: true }),
                {
                  apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
                  kind: 'ServiceAccountIAMMember',
                  role: 'owner-impersonation',
                  name: 'x',
                  ready: true,
                  synced: true,
                  details: { member },
                },
              ],
            }),
          );
          for (const node of nodes) {
            expect(node.title.length).toBeLessThanOrEqual(LABEL_MAX_CHARS);
            expect((node.name ?? '').length).toBeLessThanOrEqual(
              LABEL_MAX_CHARS,
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('shortened', () => {
  it('keeps what fits, and the ends of what does not', () => {
    expect(shortened('orders_raw')).toBe('orders_raw');
    expect(shortened('abcdefghij', 5)).toBe('ab…ij');
  });
});
