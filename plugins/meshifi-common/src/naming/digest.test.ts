import { createHash } from 'crypto';
import { digest } from './digest';

/** RFC 4648 base32 in lower case, without padding: the reference. */
function base32(bytes: Buffer): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = '';
  for (const byte of bytes) {
    bits += byte.toString(2).padStart(8, '0');
  }
  let out = '';
  for (let i = 0; i + 5 <= bits.length; i += 5) {
    out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  }
  return out;
}

describe('digest', () => {
  it.each(['', 'orders', 'ana@example.com', 'ünïcödé ✓', 'x'.repeat(10_000)])(
    'is the base32 of the SHA-256 of %p, as Node computes it',
    text => {
      const expected = base32(createHash('sha256').update(text).digest());
      expect(digest(text, 13)).toBe(expected.slice(0, 13));
      expect(digest(text, 51)).toBe(expected.slice(0, 51));
    },
  );
});
