/**
 * Namespaces a Kubernetes platform keeps for itself. A DataDomain composes
 * the namespace of its name, and deleting the domain deletes it: a domain
 * named like one of these would take over, and could remove, the platform's
 * own components.
 */
export const RESERVED_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'crossplane-system',
  'upbound-system',
  'flux-system',
  'argocd',
  'argo-cd',
  'cert-manager',
  'meshifi',
  'meshifi-system',
  'backstage',
  'gatekeeper-system',
  'istio-system',
  'monitoring',
];

/** Prefixes of namespaces that Kubernetes distributions reserve. */
const RESERVED_PREFIXES = ['kube-', 'openshift', 'gke-', 'crossplane-'];

/**
 * Why a domain name may not be used because the platform reserves it, or
 * undefined when it may.
 */
export function reservedNameProblem(name: string): string | undefined {
  const reserved =
    RESERVED_NAMESPACES.includes(name) ||
    RESERVED_PREFIXES.some(prefix => name.startsWith(prefix));
  return reserved
    ? `The domain name "${name}" is reserved for the platform's own components: pick a name for your business area instead, such as "sales" or "finance".`
    : undefined;
}
