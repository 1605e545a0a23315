/** One field of a managed resource that a change sets to another value. */
export interface FieldChange {
  /** The field's path in the managed resource, e.g. spec.forProvider.friendlyName. */
  field: string;
  /** What the field is, in words: "display name". */
  words: string;
  before?: unknown;
  after?: unknown;
}

const FIELD_WORDS: Record<string, string> = {
  'spec.forProvider.friendlyName': 'display name',
  'spec.forProvider.displayName': 'display name',
  'spec.forProvider.description': 'description',
  'spec.forProvider.location': 'location',
  'spec.forProvider.project': 'project',
  'spec.forProvider.role': 'role',
  'spec.forProvider.member': 'member',
  'spec.forProvider.deleteContentsOnDestroy':
    'whether deleting it deletes its tables',
};

function wordsOf(field: string): string {
  if (FIELD_WORDS[field]) {
    return FIELD_WORDS[field];
  }
  const label = /^spec\.forProvider\.labels\.(.+)$/.exec(field);
  if (label) {
    return `label ${label[1]}`;
  }
  if (field.startsWith('spec.providerConfigRef')) {
    return 'the credentials it is managed with (providerConfigRef)';
  }
  return field.replace(/^spec\.forProvider\./, '');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaves of a value by dotted path; arrays are one leaf. */
function leaves(
  value: unknown,
  prefix: string,
  into: Map<string, unknown>,
): Map<string, unknown> {
  if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      leaves(inner, prefix ? `${prefix}.${key}` : key, into);
    }
  } else if (value !== undefined) {
    into.set(prefix, value);
  }
  return into;
}

/**
 * The fields of a resource's spec that differ between two versions of it,
 * in a stable order, each with its words: what `~` lines say changes.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const old = leaves(before, 'spec', new Map());
  const next = leaves(after, 'spec', new Map());
  const fields = [...new Set([...old.keys(), ...next.keys()])].sort();
  return fields
    .filter(
      field =>
        JSON.stringify(old.get(field)) !== JSON.stringify(next.get(field)),
    )
    .map(field => ({
      field,
      words: wordsOf(field),
      ...(old.has(field) ? { before: old.get(field) } : {}),
      ...(next.has(field) ? { after: next.get(field) } : {}),
    }));
}

/** A field's value as a change line shows it. */
export function describeValue(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}
