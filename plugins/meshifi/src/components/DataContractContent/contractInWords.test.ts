import {
  BIGQUERY_COLUMN_TYPES,
  BIGQUERY_COLUMN_TYPE_WORDS,
  COLUMN_MODES,
} from '@meshifi/common';
import fc from 'fast-check';
import {
  columnModeInWords,
  columnTypeInWords,
  durationInWords,
  freshnessInWords,
  qualityRuleInWords,
} from './contractInWords';

describe('a contract in words', () => {
  it('says how often the table is refreshed and how late it may be', () => {
    expect(freshnessInWords({ refreshEvery: '1h', maxDelay: '2h' })).toBe(
      'Refreshed every hour; late by at most 2 hours',
    );
    expect(freshnessInWords({ refreshEvery: '30m' })).toBe(
      'Refreshed every 30 minutes',
    );
    expect(freshnessInWords({ refreshEvery: '1d', maxDelay: '1d' })).toBe(
      'Refreshed every day; late by at most 1 day',
    );
  });

  it('gives every duration a contract may hold as a count and its unit', () => {
    const units = { m: 'minute', h: 'hour', d: 'day' } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom(...(Object.keys(units) as Array<keyof typeof units>)),
        (count, unit) => {
          const words = durationInWords(`${count}${unit}`);
          expect(words).toBe(
            count === 1 ? `1 ${units[unit]}` : `${count} ${units[unit]}s`,
          );
        },
      ),
    );
  });

  it('shows a duration it cannot read as written, without failing', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        const words = freshnessInWords({ refreshEvery: text, maxDelay: text });
        expect(typeof words).toBe('string');
      }),
    );
    expect(durationInWords('0h')).toBe('0h');
    expect(freshnessInWords({ refreshEvery: 'hourly' })).toBe(
      'Refreshed every hourly',
    );
  });

  it('puts each quality rule as a promise about the table', () => {
    expect(qualityRuleInWords({ rule: 'notNull', column: 'order_id' })).toBe(
      'order_id is never empty',
    );
    expect(qualityRuleInWords({ rule: 'unique', column: 'order_id' })).toBe(
      'order_id is unique',
    );
    expect(qualityRuleInWords({ rule: 'rowCountAbove', value: 0 })).toBe(
      'The table has more than 0 rows',
    );
    expect(qualityRuleInWords({ rule: 'rowCountAbove', value: 1 })).toBe(
      'The table has more than 1 row',
    );
  });

  it('names a rule it does not know rather than showing nothing', () => {
    expect(
      qualityRuleInWords({ rule: 'freshWithin', column: 'x' } as any),
    ).toBe('freshWithin');
  });

  it('says what each BigQuery type holds, and shows an unknown type as it is', () => {
    for (const type of BIGQUERY_COLUMN_TYPES) {
      expect(columnTypeInWords(type)).toBe(BIGQUERY_COLUMN_TYPE_WORDS[type]);
    }
    expect(columnTypeInWords('STRUCT')).toBe('STRUCT');
  });

  it('gives each mode its own words, a column without one may be empty', () => {
    const words = COLUMN_MODES.map(columnModeInWords);
    expect(new Set(words).size).toBe(COLUMN_MODES.length);
    expect(columnModeInWords(undefined)).toBe(columnModeInWords('NULLABLE'));
  });
});
