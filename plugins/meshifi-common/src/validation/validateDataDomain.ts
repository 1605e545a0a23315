import { MESHIFI_API_VERSION } from '../constants';
import { DataDomain } from '../model/types';
import { nameProblem } from '../naming/productName';
import { dataDomainSpecSchema } from '../schema/dataDomainSchema';
import { MeshifiSchema } from '../schema/jsonSchema';
import { Validated } from './Problem';
import { schemaValidator } from './schemaValidator';

const manifestSchema: MeshifiSchema = {
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
      enum: ['DataDomain'],
      'x-meshifi-message': 'use DataDomain.',
    },
    metadata: {
      type: 'object',
      title: 'metadata',
      required: ['name'],
      properties: { name: { type: 'string', title: 'Domain name' } },
    },
    spec: dataDomainSpecSchema,
  },
};

const validateSchema = schemaValidator<DataDomain>(manifestSchema);

/** Checks a DataDomain manifest; its name becomes a Kubernetes namespace. */
export function validateDataDomain(manifest: unknown): Validated<DataDomain> {
  const result = validateSchema(manifest);
  const name = (manifest as Partial<DataDomain> | undefined)?.metadata?.name;
  const nameIssue =
    typeof name === 'string' ? nameProblem(name, 'domain name') : undefined;
  if (!nameIssue) {
    return result;
  }
  const problems = [
    { path: 'metadata.name', message: nameIssue },
    ...(result.ok ? [] : result.problems),
  ];
  return { ok: false, problems };
}
