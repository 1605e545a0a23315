import fc from 'fast-check';
import { durationOfSla, slaValueOf } from './odcsDurations';

describe('freshness as ODCS service levels', () => {
  it('reads back every duration meshifi keeps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom('m', 'h', 'd'),
        (amount, unit) => {
          const duration = `${amount}${unit}`;
          const sla = slaValueOf(duration);
          expect(sla && durationOfSla(sla.value, sla.unit)).toBe(duration);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes minutes as min, never as m, which could be months', () => {
    expect(slaValueOf('30m')).toEqual({ value: 30, unit: 'min' });
    expect(durationOfSla(30, 'm')).toBeUndefined();
  });

  it.each([
    [1, 'day', '1d'],
    ['2', 'hours', '2h'],
    [3, 'Weeks', '21d'],
    [45, ' MIN ', '45m'],
  ])('reads %j %j as %s', (value, unit, duration) => {
    expect(durationOfSla(value, unit)).toBe(duration);
  });

  it.each([
    [0, 'd'],
    [1.5, 'h'],
    [-1, 'h'],
    [10000, 'min'],
    [2000, 'weeks'],
    [1, 'y'],
    [1, 'month'],
    ['1e3', 'h'],
    [1, '__proto__'],
    [1, 'constructor'],
    [{ value: 1 }, 'h'],
    [1, undefined],
  ])('keeps no duration for %j %j', (value, unit) => {
    expect(durationOfSla(value, unit)).toBeUndefined();
  });

  it('keeps no duration for what is not one', () => {
    for (const text of ['', '0h', '1w', '10000m', '1 h', 'h']) {
      expect(slaValueOf(text)).toBeUndefined();
    }
  });
});
