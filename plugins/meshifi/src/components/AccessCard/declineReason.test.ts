import fc from 'fast-check';
import {
  DECLINE_REASON_MAX_LENGTH,
  DECLINE_REASON_MIN_LENGTH,
  declineReasonProblem,
} from './declineReason';

describe('declineReasonProblem', () => {
  it('asks for a few words instead of an empty or one-word reason', () => {
    expect(declineReasonProblem('')).toMatch(/Write a few words/);
    expect(declineReasonProblem('   no     ')).toMatch(/Write a few words/);
    expect(declineReasonProblem('Not for marketing use')).toBeUndefined();
  });

  it('judges the words, not the spaces around them, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1100 }), fc.nat(20), (text, pad) => {
        const length = text.trim().length;
        const fits =
          length >= DECLINE_REASON_MIN_LENGTH &&
          length <= DECLINE_REASON_MAX_LENGTH;
        const padded = `${' '.repeat(pad)}${text}\n`;
        expect(declineReasonProblem(padded) === undefined).toBe(fits);
      }),
    );
  });
});
