import type { MeshifiSchema } from '../schema/jsonSchema';
import type { Problem } from '../validation/Problem';
import type { Capability } from './Capability';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of `value` its schema does not have, at every depth the schema describes. */
function unknownFields(
  value: unknown,
  schema: MeshifiSchema,
  path: string,
): Problem[] {
  if (Array.isArray(value) && schema.items) {
    return value.flatMap((item, index) =>
      unknownFields(item, schema.items!, `${path}.${index}`),
    );
  }
  if (
    !isObject(value) ||
    !schema.properties ||
    schema['x-kubernetes-preserve-unknown-fields']
  ) {
    return [];
  }
  const properties = schema.properties;
  const known = Object.keys(properties);
  return Object.entries(value).flatMap(([key, field]) =>
    Object.prototype.hasOwnProperty.call(properties, key)
      ? unknownFields(field, properties[key], `${path}.${key}`)
      : [
          {
            path: `${path}.${key}`,
            message: `${
              schema.title ?? path
            } has no field "${key}" (it has ${known.join(
              ', ',
            )}): check its spelling, since the platform would ignore it.`,
          },
        ],
  );
}

/**
 * The fields under spec.capabilities that no capability's schema has: a
 * capability meshifi does not have, or a misspelt field of one. The
 * cluster drops unknown fields of a DataProduct without a word (its schema
 * must be structural), so a misspelt `schedul` would silently run at the
 * default time; meshifi says so instead.
 */
export function capabilityFieldProblems(
  capabilities: Record<string, unknown> | undefined,
  registered: readonly Capability[],
): Problem[] {
  if (!isObject(capabilities)) {
    return [];
  }
  return Object.entries(capabilities).flatMap(([name, spec]) => {
    const capability = registered.find(c => c.name === name);
    if (!capability) {
      return [
        {
          path: `spec.capabilities.${name}`,
          message: `"${name}" is not something a data product can have here: use ${
            registered.map(c => c.name).join(', ') || 'no capabilities yet'
          }, or remove it.`,
        },
      ];
    }
    return unknownFields(
      spec,
      {
        ...capability.schema,
        title: capability.schema.title ?? capability.title,
      },
      `spec.capabilities.${name}`,
    );
  });
}
