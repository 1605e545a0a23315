import fc from 'fast-check';
import { BIGQUERY_COLUMN_TYPES } from '../contract/bigQueryTypes';
import {
  bigQueryTypeOfLogical,
  bigQueryTypeOfPhysical,
  ODCS_LOGICAL_TYPE_OF,
  ODCS_LOGICAL_TYPE_OPTIONS_OF,
  physicalTypeOf,
} from './odcsLogicalTypes';

describe('the BigQuery and ODCS types', () => {
  it.each(BIGQUERY_COLUMN_TYPES)(
    'read %s back from its physical type, alone and as a list',
    type => {
      expect(bigQueryTypeOfPhysical(physicalTypeOf(type, false))).toEqual({
        type,
        repeated: false,
      });
      expect(bigQueryTypeOfPhysical(physicalTypeOf(type, true))).toEqual({
        type,
        repeated: true,
      });
    },
  );

  it('read physical types in any case and spacing, and the legacy names', () => {
    expect(bigQueryTypeOfPhysical(' int64 ')?.type).toBe('INT64');
    expect(bigQueryTypeOfPhysical('Array < String >')).toEqual({
      type: 'STRING',
      repeated: true,
    });
    expect(bigQueryTypeOfPhysical('INTEGER')?.type).toBe('INT64');
    expect(bigQueryTypeOfPhysical('FLOAT')?.type).toBe('FLOAT64');
    expect(bigQueryTypeOfPhysical('BOOLEAN')?.type).toBe('BOOL');
    expect(bigQueryTypeOfPhysical('DECIMAL')?.type).toBe('NUMERIC');
  });

  it.each([
    'VARCHAR(10)',
    'STRUCT<a INT64>',
    'ARRAY<ARRAY<STRING>>',
    'STRING(10)',
    'constructor',
    '__proto__',
    '',
  ])('know %j is not a type a column may have', physicalType => {
    expect(bigQueryTypeOfPhysical(physicalType)).toBeUndefined();
  });

  it('give each BigQuery type a logical type that leads back to a type holding every value', () => {
    for (const type of BIGQUERY_COLUMN_TYPES) {
      const back = bigQueryTypeOfLogical(
        ODCS_LOGICAL_TYPE_OF[type],
        ODCS_LOGICAL_TYPE_OPTIONS_OF[type],
      );
      expect(back).toBeDefined();
      // Text holds bytes (base64) and places (WKT); every number fits NUMERIC or FLOAT64.
      expect(
        back === type ||
          (back === 'STRING' && ['BYTES', 'GEOGRAPHY'].includes(type)) ||
          (back === 'NUMERIC' && type === 'BIGNUMERIC'),
      ).toBe(true);
    }
  });

  it('know no logical type ODCS does not define, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        expect(
          bigQueryTypeOfLogical(text) === undefined ||
            Object.values(ODCS_LOGICAL_TYPE_OF).includes(text as never),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
