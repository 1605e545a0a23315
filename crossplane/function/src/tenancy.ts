import {
  CROSSPLANE_LABELS,
  DataProduct,
  KubernetesObject,
  LABELS,
  NO_DOMAIN_NAMESPACE,
  reservedNameProblem,
} from '@meshifi/common';

/**
 * The domain a DataProduct XR belongs to: the one named by its own namespace,
 * never what its spec says. Who may create a product in a namespace is
 * decided by Kubernetes RBAC, so the namespace is what a team was allowed to
 * use; `spec.domain` is only text the author wrote. A product in `default`
 * belongs to no domain. Throws, with what to fix, when `spec.domain`
 * disagrees with the namespace.
 */
export function domainOfProduct(product: DataProduct): string | undefined {
  const name = product.metadata?.name;
  const namespace = product.metadata?.namespace ?? NO_DOMAIN_NAMESPACE;
  const named = product.spec?.domain;
  if (namespace === NO_DOMAIN_NAMESPACE) {
    if (named) {
      throw new Error(
        `The data product "${name}" is in the namespace "${NO_DOMAIN_NAMESPACE}", which belongs to no domain, but its spec.domain is "${named}". A product belongs to the domain of its namespace: create it in the namespace "${named}" if it belongs to that domain, or without spec.domain to place it in the platform project.`,
      );
    }
    return undefined;
  }
  const reserved = reservedNameProblem(namespace);
  if (reserved) {
    throw new Error(
      `The data product "${name}" is in the namespace "${namespace}", which is the platform's own and no domain's. ${reserved}`,
    );
  }
  if (!named) {
    throw new Error(
      `The data product "${name}" is in the namespace "${namespace}", so it belongs to the domain "${namespace}", but it has no spec.domain. A product belongs to the domain of its namespace: create it again with spec.domain "${namespace}", or in the namespace "${NO_DOMAIN_NAMESPACE}" if it belongs to no domain.`,
    );
  }
  if (named !== namespace) {
    throw new Error(
      `The data product "${name}" is in the namespace "${namespace}", so it belongs to the domain "${namespace}", but its spec.domain is "${named}". A product belongs to the domain of its namespace: create it again with spec.domain "${namespace}", or in the namespace "${named}" if it belongs to that domain.`,
    );
  }
  return namespace;
}

/** The selector with which the function asks Crossplane for a namespace (cluster-scoped). */
export function namespaceSelector(name: string) {
  return { apiVersion: 'v1', kind: 'Namespace', matchName: name };
}

/**
 * Whether an existing namespace is the one the DataDomain `domain` composed:
 * Crossplane labelled it with the domain's name, or it carries meshifi's
 * domain label for the domain and was composed by Crossplane. A namespace
 * that someone made by hand, or another XR composed, is not the domain's.
 */
export function namespaceBelongsTo(
  domain: string,
  namespace: KubernetesObject,
): boolean {
  const labels = namespace.metadata?.labels ?? {};
  const composite = labels[CROSSPLANE_LABELS.composite];
  return (
    composite === domain ||
    (labels[LABELS.domain] === domain && composite !== undefined)
  );
}

/** Why a DataDomain may not compose an existing namespace, or undefined when it may. */
export function namespaceTakeoverProblem(
  domain: string,
  existing: KubernetesObject | null,
): string | undefined {
  if (!existing || namespaceBelongsTo(domain, existing)) {
    return undefined;
  }
  return `The namespace "${domain}" already exists and belongs to something else: pick another domain name. A domain composes the namespace of its name and deleting the domain deletes it, so it never takes over a namespace it did not create.`;
}
