import { ProvisioningReport } from '@meshifi/common';
import { graphOf } from './ProvisioningGraph';

const resource = (name: string, ready: boolean, problem?: string) => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'Dataset',
  role: 'dataset',
  name,
  externalName: name.replace(/-/g, '_'),
  ready,
  synced: !problem,
  problem: problem ? { message: problem } : undefined,
  details: {},
});

describe('graphOf', () => {
  it('links the product to each resource, coloured by its state', () => {
    const report: ProvisioningReport = {
      state: 'degraded',
      reason: '',
      observedAt: '2026-11-21T10:00:00Z',
      clusters: [],
      resources: [
        resource('orders-raw', true),
        resource('orders-cleaned', false),
        resource('orders-curated', false, 'Error 403'),
        {
          apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
          kind: 'ProjectIAMMember',
          role: 'job-user',
          name: 'orders-job-user',
          externalName:
            'acme roles/bigquery.jobUser serviceAccount:dp-orders@acme.iam.gserviceaccount.com',
          ready: true,
          synced: true,
          details: {},
        },
      ],
      missing: [
        {
          key: 'service-account',
          apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
          kind: 'ServiceAccount',
          name: 'orders-sa',
          role: 'service-account',
          summary: '',
        },
      ],
      events: [],
    };
    const { nodes, edges } = graphOf('Orders', report);
    expect(nodes.map(n => [n.label, n.state])).toEqual([
      ['Orders', 'product'],
      ['Dataset orders_raw', 'ready'],
      ['Dataset orders_cleaned', 'creating'],
      ['Dataset orders_curated', 'failing'],
      ['ProjectIAMMember orders-job-user', 'ready'],
      ['ServiceAccount orders-sa (missing)', 'missing'],
    ]);
    expect(edges).toHaveLength(5);
    expect(edges.every(e => e.from === 'product')).toBe(true);
  });
});
