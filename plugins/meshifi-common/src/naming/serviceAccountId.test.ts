import {
  SERVICE_ACCOUNT_ID_MAX_LENGTH,
  SERVICE_ACCOUNT_ID_MIN_LENGTH,
  SERVICE_ACCOUNT_ID_PATTERN,
  serviceAccountEmail,
  serviceAccountId,
} from './serviceAccountId';
import { digest } from './digest';

const valid = new RegExp(SERVICE_ACCOUNT_ID_PATTERN);

function expectValidId(id: string) {
  expect(id).toMatch(valid);
  expect(id.length).toBeGreaterThanOrEqual(SERVICE_ACCOUNT_ID_MIN_LENGTH);
  expect(id.length).toBeLessThanOrEqual(SERVICE_ACCOUNT_ID_MAX_LENGTH);
}

/** Deterministic pseudo-random product names of every length. */
function* generatedNames(count: number) {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  for (let i = 0; i < count; i++) {
    const length = 3 + (next() % 61);
    let name = 'abcdefghijklmnopqrstuvwxyz'[next() % 26];
    while (name.length < length - 1) {
      name += alphabet[next() % alphabet.length];
    }
    name += 'abcdefghijklmnopqrstuvwxyz0123456789'[next() % 36];
    yield name;
  }
}

describe('serviceAccountId', () => {
  it('keeps a short name readable', () => {
    expect(serviceAccountId('orders')).toBe('dp-orders');
    expect(serviceAccountId('abc')).toBe('dp-abc');
  });

  it('keeps names up to 26 characters whole, and cuts longer ones to exactly 30', () => {
    const name26 = 'a'.repeat(26);
    expect(serviceAccountId(name26)).toBe(`dp-${name26}`);
    const name27 = 'a'.repeat(27);
    const cut = serviceAccountId(name27);
    expect(cut).toHaveLength(30);
    expect(cut.startsWith(`dp-${'a'.repeat(13)}-`)).toBe(true);
  });

  it('gives names that share a long prefix different ids', () => {
    const a = serviceAccountId('customer-orders-history-europe-2024');
    const b = serviceAccountId('customer-orders-history-europe-2025');
    expect(a).not.toBe(b);
    expectValidId(a);
    expectValidId(b);
  });

  it('gives different ids to names whose short hash collided', () => {
    // These two names share their first 19 characters and their 7-digit
    // FNV-1a hash: the former ids gave both dp-customer-orders-eme-13497d8,
    // so the two products shared one service account and its grants.
    const a = serviceAccountId('customer-orders-emea-00012959');
    const b = serviceAccountId('customer-orders-emea-00073238');
    expect(a).not.toBe(b);
    expectValidId(a);
    expectValidId(b);
  });

  it('hashes long names with 65 bits of SHA-256', () => {
    const name = 'customer-lifetime-value-predictions-for-emea-retail';
    const id = serviceAccountId(name);
    expect(id).toBe(`dp-customer-life-${digest(name, 13)}`);
    expect(digest(name, 13)).toMatch(/^[a-z2-7]{13}$/);
  });

  it('is deterministic', () => {
    const name = 'a-very-long-product-name-for-the-finance-domain';
    expect(serviceAccountId(name)).toBe(serviceAccountId(name));
  });

  it('never ends the cut part with a dash', () => {
    // The 13th character is a dash: it must not show up as "--".
    const name = 'abcdefghijkl-mnopqrstuvwxyz';
    const id = serviceAccountId(name);
    expect(id).not.toContain('--');
    expectValidId(id);
  });

  it('gives 5,000 generated names valid, distinct ids', () => {
    const names = [...new Set(generatedNames(5000))];
    const ids = new Map<string, string>();
    for (const name of names) {
      const id = serviceAccountId(name);
      expectValidId(id);
      expect(ids.get(id) ?? name).toBe(name);
      ids.set(id, name);
    }
    expect(ids.size).toBe(names.length);
  });

  it.each(['', 'ab', 'Orders', 'orders-', '1orders', 'or_ders', 'ördérs'])(
    'refuses the product name %p',
    name => {
      expect(() => serviceAccountId(name)).toThrow(/product name/);
    },
  );
});

describe('serviceAccountEmail', () => {
  it('is the id at the project', () => {
    expect(serviceAccountEmail('dp-orders', 'acme-sales')).toBe(
      'dp-orders@acme-sales.iam.gserviceaccount.com',
    );
  });
});
