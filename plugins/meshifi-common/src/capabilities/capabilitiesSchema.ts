import { MeshifiSchema } from '../schema/jsonSchema';
import { Capability } from './Capability';
import { CAPABILITIES } from './registry';

/** `spec.capabilities`: each capability's schema under its name. */
export function capabilitiesSpecSchema(
  capabilities: readonly Capability[] = CAPABILITIES,
): MeshifiSchema {
  return {
    type: 'object',
    title: 'Capabilities',
    description:
      'What the product has beyond its datasets and service account, each under its name.',
    properties: Object.fromEntries(
      capabilities.map(capability => [
        capability.name,
        {
          ...capability.schema,
          title: capability.schema.title ?? capability.title,
          description: capability.schema.description ?? capability.description,
        },
      ]),
    ),
  };
}

/** `status.capabilities`: each capability's status under its name. */
export function capabilitiesStatusSchema(
  capabilities: readonly Capability[] = CAPABILITIES,
): MeshifiSchema {
  return {
    type: 'object',
    description: 'What each capability reports, under its name.',
    properties: Object.fromEntries(
      capabilities.map(capability => [
        capability.name,
        capability.statusSchema,
      ]),
    ),
  };
}
