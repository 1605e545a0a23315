import Ajv, { ErrorObject } from 'ajv';
import { MeshifiSchema } from '../schema/jsonSchema';
import { Problem, Validated } from './Problem';

const ajv = new Ajv({ allErrors: true, verbose: true });
// Kubernetes' and meshifi's own annotations: meaningful to the API server and
// to the messages below, not to JSON Schema validation.
ajv.addVocabulary([
  'x-kubernetes-validations',
  'x-kubernetes-list-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-meshifi-message',
]);

function toPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/\//g, '.');
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a set of fields',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function describe(error: ErrorObject): Problem {
  const schema = (error.parentSchema ?? {}) as MeshifiSchema;
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string })
      .missingProperty;
    const path = [toPath(error.instancePath), missing]
      .filter(Boolean)
      .join('.');
    const title = schema.properties?.[missing]?.title ?? missing;
    return { path, message: `${title} is missing.` };
  }
  const title = schema.title ?? (toPath(error.instancePath) || 'The manifest');
  if (error.keyword === 'type') {
    const expected = String(error.params.type);
    return {
      path: toPath(error.instancePath),
      message: `${title} must be ${TYPE_NAMES[expected] ?? expected}.`,
    };
  }
  const hint = schema['x-meshifi-message'] ?? error.message ?? 'is not valid';
  return { path: toPath(error.instancePath), message: `${title}: ${hint}` };
}

/** Compiles a schema into a validator that reports problems a person can act on. */
export function schemaValidator<T>(schema: MeshifiSchema) {
  const validate = ajv.compile(schema);
  return (value: unknown): Validated<T> => {
    if (validate(value)) {
      return { ok: true, value: value as T };
    }
    // allErrors can report one problem through several keywords: say it once.
    const unique = new Map<string, Problem>();
    for (const problem of (validate.errors ?? []).map(describe)) {
      unique.set(`${problem.path}\u0000${problem.message}`, problem);
    }
    return { ok: false, problems: [...unique.values()] };
  };
}
