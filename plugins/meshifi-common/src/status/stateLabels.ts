import { ProvisioningState } from './provisioningReport';

/** How each state is named, on the product's page and by `meshifi status`. */
export const STATE_LABELS: Record<ProvisioningState, string> = {
  'not-in-cluster': 'Not in the cluster yet',
  pending: 'Waiting for Crossplane',
  provisioning: 'Being created',
  ready: 'Ready',
  degraded: 'Partly failing',
  failed: 'Failed',
  unreachable: 'Cluster unreachable',
  'platform-starting': 'Platform starting',
  'no-platform': 'No provisioning shown',
};
