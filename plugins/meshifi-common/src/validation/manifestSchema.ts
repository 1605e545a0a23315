import { MESHIFI_API_VERSION } from '../constants';
import { MeshifiSchema } from '../schema/jsonSchema';

/** The schema of a whole meshifi manifest of one kind, around its spec's schema. */
export function manifestSchema(
  kind: 'DataProduct' | 'DataDomain' | 'DataAccess',
  spec: MeshifiSchema,
  nameTitle: string,
): MeshifiSchema {
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: {
        type: 'string',
        title: 'apiVersion',
        enum: [MESHIFI_API_VERSION],
        'x-meshifi-message': `use ${MESHIFI_API_VERSION}.`,
      },
      kind: {
        type: 'string',
        title: 'kind',
        enum: [kind],
        'x-meshifi-message': `use ${kind}.`,
      },
      metadata: {
        type: 'object',
        title: 'metadata',
        required: ['name'],
        properties: { name: { type: 'string', title: nameTitle } },
      },
      spec,
    },
  };
}
