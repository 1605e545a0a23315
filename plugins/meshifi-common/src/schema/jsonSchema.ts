/**
 * The subset of OpenAPI v3 that Kubernetes accepts in a structural schema,
 * plus meshifi's own annotations (`x-meshifi-*`), which are stripped before a
 * schema goes into an XRD.
 */
export interface MeshifiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean' | 'number';
  title?: string;
  description?: string;
  properties?: Record<string, MeshifiSchema>;
  required?: string[];
  items?: MeshifiSchema;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-validations'?: Array<{ rule: string; message: string }>;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** What to tell a person whose value breaks this schema. */
  'x-meshifi-message'?: string;
}

/** The schema without meshifi's annotations, as an XRD carries it. */
export function toKubernetesSchema(schema: MeshifiSchema): MeshifiSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-meshifi-')) {
      continue;
    }
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, MeshifiSchema>).map(
          ([name, child]) => [name, toKubernetesSchema(child)],
        ),
      );
    } else if (key === 'items') {
      out.items = toKubernetesSchema(value as MeshifiSchema);
    } else {
      out[key] = value;
    }
  }
  return out as MeshifiSchema;
}
