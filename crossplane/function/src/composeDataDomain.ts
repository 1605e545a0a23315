import {
  DataDomain,
  LABELS,
  validateDataDomain,
  ValidationError,
} from '@meshifi/common';

/**
 * Composes a DataDomain: the namespace its products live in, named after the
 * domain. Crossplane v2 composes it directly; no provider is involved.
 */
export function composeDataDomain(
  domain: DataDomain,
): Record<string, Record<string, unknown>> {
  const validated = validateDataDomain(domain);
  if (!validated.ok) {
    throw new ValidationError(validated.problems);
  }
  return {
    namespace: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: domain.metadata.name,
        labels: { [LABELS.domain]: domain.metadata.name },
      },
    },
  };
}
