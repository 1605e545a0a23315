/**
 * Reading a document someone else wrote: only plain objects count as
 * objects, and only a field of the object's own, never one its prototype
 * lends (`constructor`, `__proto__`), is read.
 */
export type Untrusted = Record<string, unknown>;

/** Whether a value is a plain object, not a list or null. */
export function isRecord(value: unknown): value is Untrusted {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field the object has of its own, or undefined. */
export function own(record: Untrusted, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

/** A text field, or undefined when it is missing or not text. */
export function ownText(record: Untrusted, key: string): string | undefined {
  const value = own(record, key);
  return typeof value === 'string' ? value : undefined;
}

/** A list field, or undefined when it is missing or not a list. */
export function ownList(record: Untrusted, key: string): unknown[] | undefined {
  const value = own(record, key);
  return Array.isArray(value) ? value : undefined;
}

/** A value in a message: quoted, and cut short when long. */
export function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}
