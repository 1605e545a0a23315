import { LABELS, MESHIFI_API_VERSION } from '../constants';
import {
  DataAccess,
  DataAccessSpec,
  DataDomain,
  DataDomainSpec,
  DataProduct,
  DataProductSpec,
} from './types';

/**
 * The DataProduct manifest for a spec. metadata.name always equals
 * spec.info.name; the namespace is the product's domain when it has one.
 */
export function dataProductManifest(spec: DataProductSpec): DataProduct {
  return {
    apiVersion: MESHIFI_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name: spec.info.name,
      ...(spec.domain ? { namespace: spec.domain } : {}),
      // Lets the Kubernetes tab find the XR with its composed resources.
      labels: { [LABELS.dataProduct]: spec.info.name },
    },
    spec,
  };
}

/** The DataDomain manifest (cluster-scoped) for a name and spec. */
export function dataDomainManifest(
  name: string,
  spec: DataDomainSpec,
): DataDomain {
  return {
    apiVersion: MESHIFI_API_VERSION,
    kind: 'DataDomain',
    metadata: { name },
    spec,
  };
}

/**
 * The DataAccess manifest for a grant: in the namespace of its product's
 * domain (`default` for a product of no domain), labelled with its product.
 */
export function dataAccessManifest(
  name: string,
  namespace: string,
  spec: DataAccessSpec,
): DataAccess {
  return {
    apiVersion: MESHIFI_API_VERSION,
    kind: 'DataAccess',
    metadata: {
      name,
      namespace,
      labels: { [LABELS.dataProduct]: spec.product },
    },
    spec,
  };
}
