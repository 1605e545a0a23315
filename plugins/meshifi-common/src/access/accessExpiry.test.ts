import fc from 'fast-check';
import {
  accessEndsAt,
  accessEndsAtText,
  expiryCondition,
  expiryDayProblem,
  expiryProblem,
  hasEnded,
  latestExpiry,
  utcDay,
} from './accessExpiry';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Instants from 1971 to 2199, any time of day. */
const instant = fc
  .integer({
    min: Date.UTC(1971, 0, 1),
    max: Date.UTC(2199, 11, 31),
  })
  .map(ms => new Date(ms));

/** Whether a text is a day of the calendar, by the JavaScript Date's own reading of it. */
function isCalendarDay(text: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) {
    return false;
  }
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && utcDay(new Date(ms)) === text;
}

/** Days that exist, as YYYY-MM-DD. */
const day = instant.map(utcDay);

describe('the expiry of a grant', () => {
  it('ends access when its last day ends in UTC', () => {
    expect(accessEndsAtText('2027-03-31')).toBe('2027-04-01T00:00:00Z');
    expect(accessEndsAtText('2027-12-31')).toBe('2028-01-01T00:00:00Z');
    expect(accessEndsAtText('2028-02-28')).toBe('2028-02-29T00:00:00Z');
  });

  it('writes an IAM condition that says it is the expiry meshifi gives the grant', () => {
    expect(
      expiryCondition(
        { namespace: 'sales', name: 'marketing-orders' },
        '2027-03-31',
      ),
    ).toEqual({
      title: 'meshifi access expiry 2027-03-31',
      description:
        'meshifi ends the DataAccess sales/marketing-orders when 2027-03-31 ends (UTC).',
      expression: 'request.time < timestamp("2027-04-01T00:00:00Z")',
    });
  });

  it.each([
    '2027-02-29',
    '2027-13-01',
    '2027-00-10',
    '2027-04-31',
    '2027-4-1',
    '27-04-01',
    '2027-04-01T00:00:00Z',
    '2027-04-01\n',
    ' 2027-04-01',
    '',
    '２０２７-04-01',
  ])('refuses %p as a day, saying how to write one', text => {
    expect(expiryDayProblem(text)).toMatch(
      /give the last day of access as YYYY-MM-DD/,
    );
    expect(() => accessEndsAt(text)).toThrow(/YYYY-MM-DD/);
  });

  it('knows leap days and the years before 100', () => {
    expect(expiryDayProblem('2028-02-29')).toBeUndefined();
    expect(expiryDayProblem('2100-02-29')).toMatch(/not a day/);
    expect(accessEndsAtText('0099-12-31')).toBe('0100-01-01T00:00:00Z');
  });

  it('ends one day after the start of any day, at midnight UTC', () => {
    fc.assert(
      fc.property(day, d => {
        const end = accessEndsAt(d);
        expect(end.getUTCHours() + end.getUTCMinutes()).toBe(0);
        expect(utcDay(new Date(end.getTime() - 1))).toBe(d);
        expect(
          expiryCondition({ namespace: 'a', name: 'b' }, d).expression,
        ).toBe(
          `request.time < timestamp("${end
            .toISOString()
            .replace('.000Z', 'Z')}")`,
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('has ended exactly when today (UTC) is after the last day', () => {
    fc.assert(
      fc.property(day, instant, (d, now) => {
        expect(hasEnded(d, now)).toBe(utcDay(now) > d);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses exactly the days further than the maximum from today', () => {
    fc.assert(
      fc.property(
        day,
        instant,
        fc.integer({ min: 1, max: 3650 }),
        (d, now, maxDays) => {
          const today = Date.parse(`${utcDay(now)}T00:00:00Z`);
          const daysAhead = (Date.parse(`${d}T00:00:00Z`) - today) / DAY_MS;
          expect(expiryProblem(d, now, maxDays)).toBe(
            daysAhead > maxDays
              ? `The expiry date ${d} is more than ${maxDays} days away, the most the platform allows: pick ${latestExpiry(
                  now,
                  maxDays,
                )} or earlier, and ask again for more when it ends.`
              : undefined,
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('says what is wrong with any text, never throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/),
        ),
        text => {
          expect(expiryDayProblem(text) === undefined).toBe(
            isCalendarDay(text),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });
});
