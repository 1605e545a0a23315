import {
  DataDomain,
  KubernetesObject,
  LABELS,
  validateDataDomain,
  ValidationError,
} from '@meshifi/common';
import { namespaceTakeoverProblem } from './tenancy';

/**
 * Checks a DataDomain with the model: a name that can be a namespace and is
 * not one the platform keeps for itself (kube-system, default, ...). Throws a
 * {@link ValidationError} that says what to fix.
 */
export function validDataDomain(domain: DataDomain): DataDomain {
  const validated = validateDataDomain(domain);
  if (!validated.ok) {
    throw new ValidationError(validated.problems);
  }
  return validated.value;
}

/**
 * Composes a DataDomain: the namespace its products live in, named after the
 * domain. Crossplane v2 composes it directly; no provider is involved.
 *
 * `existing` is the namespace of that name as Crossplane found it (null when
 * there is none). A namespace the domain did not compose is never taken over:
 * composing it would make the domain its controller, and deleting the domain
 * would delete it with everything in it.
 */
export function composeDataDomain(
  domain: DataDomain,
  existing: KubernetesObject | null,
): Record<string, Record<string, unknown>> {
  const valid = validDataDomain(domain);
  const name = valid.metadata.name;
  const takeover = namespaceTakeoverProblem(name, existing);
  if (takeover) {
    throw new Error(takeover);
  }
  return {
    namespace: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: { [LABELS.domain]: name },
      },
    },
  };
}
