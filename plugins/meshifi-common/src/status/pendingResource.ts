import { ComposedResource } from '../compose/compose';
import { PendingResource } from './provisioningReport';

/** A resource compose() expects, as the report lists it while it is missing. */
export function pendingResource(expected: ComposedResource): PendingResource {
  return {
    key: expected.key,
    apiVersion: expected.resource.apiVersion,
    kind: expected.resource.kind,
    name: expected.resource.metadata.name,
    role: expected.role,
    summary: expected.summary,
  };
}
