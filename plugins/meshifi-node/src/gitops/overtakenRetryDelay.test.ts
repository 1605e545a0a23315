import fc from 'fast-check';
import { overtakenRetryDelayMs } from './overtakenRetryDelay';

describe('overtakenRetryDelayMs', () => {
  it('doubles from 100 ms up to 2 s, at the middle of its jitter', () => {
    const middle = () => 0.5;
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8].map(a => overtakenRetryDelayMs(a, middle)),
    ).toEqual([100, 200, 400, 800, 1600, 2000, 2000, 2000]);
  });

  it('stays between half and one and a half times the step, for any attempt and draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, draw) => {
          const step = Math.min(2_000, 100 * 2 ** (attempt - 1));
          const delay = overtakenRetryDelayMs(attempt, () => draw);
          expect(delay).toBeGreaterThanOrEqual(step * 0.5);
          expect(delay).toBeLessThanOrEqual(step * 1.5);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
