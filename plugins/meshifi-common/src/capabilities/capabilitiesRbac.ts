import { Capability } from './Capability';
import { CAPABILITIES } from './registry';

/** The name of the ClusterRole that gives Crossplane what the capabilities compose. */
export const CAPABILITIES_CLUSTER_ROLE = 'meshifi-crossplane-capabilities';

/**
 * The ClusterRole Crossplane needs for what the capabilities compose beyond
 * the GCP provider's kinds (whose provider brings its own). Aggregated into
 * Crossplane's role by its label, as a provider's role is.
 */
export function capabilitiesClusterRole(
  capabilities: readonly Capability[] = CAPABILITIES,
) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: CAPABILITIES_CLUSTER_ROLE,
      labels: {
        'app.kubernetes.io/part-of': 'meshifi',
        'rbac.crossplane.io/aggregate-to-crossplane': 'true',
      },
    },
    rules: capabilities.flatMap(capability => capability.rbac),
  };
}
