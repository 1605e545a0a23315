import {
  DataDomain,
  DataProduct,
  GCP_KINDS,
  KubernetesObject,
  PlatformConfig,
} from '@meshifi/common';

const text = (value: unknown) =>
  typeof value === 'string' && value ? value : undefined;

/**
 * Where the cluster placed a product, as far as it tells: its domain's
 * project, else the project the composition function reported on the XR;
 * the location the product names, else the one it reported for its datasets,
 * else a composed dataset's. The CLI has no access to the platform's
 * settings (the Composition's function input), so these stand in for them;
 * undefined when the cluster has not told yet, and then the report expects
 * nothing it cannot name.
 */
export function clusterPlacement(
  xr: DataProduct,
  composed: KubernetesObject[],
  domain?: DataDomain,
): PlatformConfig | undefined {
  const dataset = composed.find(o => o.kind === GCP_KINDS.dataset.kind);
  const forProvider = (
    dataset?.spec as { forProvider?: Record<string, unknown> } | undefined
  )?.forProvider;
  const project =
    text(domain?.spec?.gcpProject) ??
    text(xr.status?.project) ??
    text(forProvider?.project);
  const location =
    text(xr.spec?.location) ??
    text(xr.status?.datasets?.[0]?.location) ??
    text(forProvider?.location);
  return project && location ? { project, location } : undefined;
}
