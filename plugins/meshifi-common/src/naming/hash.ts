/**
 * A short, stable hash (32-bit FNV-1a, 8 hex digits) to keep generated ids
 * unique and deterministic. Synchronous and dependency free, so that the
 * browser, the backend and the composition function derive the same ids.
 * Not for security.
 */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
