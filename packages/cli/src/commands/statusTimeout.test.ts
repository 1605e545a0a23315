import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { MAX_TIMEOUT_SECONDS, parseTimeoutSeconds } from './statusTimeout';

describe('parseTimeoutSeconds', () => {
  it('takes a whole number of seconds from 1 to an hour', () => {
    expect(parseTimeoutSeconds('1')).toBe(1);
    expect(parseTimeoutSeconds('30')).toBe(30);
    expect(parseTimeoutSeconds('0060')).toBe(60);
    expect(parseTimeoutSeconds(String(MAX_TIMEOUT_SECONDS))).toBe(3600);
  });

  it('refuses what would make every read time out at once, saying what to give', () => {
    for (const value of [
      '0',
      '-5',
      '3601',
      '99999999999',
      '1e3',
      '0x10',
      '2.5',
      ' 30',
      '',
      'Infinity',
      'NaN',
      'thirty',
    ]) {
      expect(() => parseTimeoutSeconds(value)).toThrow(
        new InvalidArgumentError(
          'Give the seconds to wait for the cluster as a whole number from 1 to 3600, for example 60.',
        ),
      );
    }
  });

  it('gives a whole number within bounds for any text, or refuses it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.integer().map(String),
          fc.double().map(String),
        ),
        value => {
          let seconds = NaN;
          let refusal: unknown;
          try {
            seconds = parseTimeoutSeconds(value);
          } catch (error) {
            refusal = error;
          }
          // Refused as a bad argument, or the whole number the text says, within bounds.
          expect(
            refusal instanceof InvalidArgumentError ||
              (refusal === undefined &&
                Number.isInteger(seconds) &&
                seconds >= 1 &&
                seconds <= MAX_TIMEOUT_SECONDS &&
                seconds === Number(value)),
          ).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
