import { sha256 } from '@noble/hashes/sha2';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The first `length` characters of the SHA-256 of a text, in lower-case
 * base32 (5 bits a character), for ids that must not collide even when
 * someone searches for a collision on purpose: 13 characters are 65 bits.
 * Synchronous, so that the browser, the backend and the composition function
 * derive the same ids.
 */
export function digest(text: string, length: number): string {
  const bytes = sha256(new TextEncoder().encode(text));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}
