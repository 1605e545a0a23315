import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the first wait up to the cap', () => {
    expect([1, 2, 3, 4, 5].map(n => backoffDelay(n))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
    expect(
      [1, 2, 3].map(n => backoffDelay(n, { initialMs: 10, maxMs: 25 })),
    ).toEqual([10, 20, 25]);
  });

  it('stays at the cap through a long outage', () => {
    expect(backoffDelay(10_000)).toBe(5_000);
    expect(Number.isFinite(backoffDelay(Number.MAX_SAFE_INTEGER))).toBe(true);
  });
});
