/**
 * The BigQuery column types an output port's contract may use, by their
 * GoogleSQL names, which are what an analyst writes in SQL. BigQuery's table
 * API accepts them as they are. STRUCT, ARRAY and RANGE are left out: a
 * contract's columns are flat, and a list is a column whose mode is REPEATED.
 */
export const BIGQUERY_COLUMN_TYPES = [
  'STRING',
  'INT64',
  'FLOAT64',
  'NUMERIC',
  'BIGNUMERIC',
  'BOOL',
  'DATE',
  'DATETIME',
  'TIME',
  'TIMESTAMP',
  'BYTES',
  'GEOGRAPHY',
  'JSON',
] as const;

/** One of {@link BIGQUERY_COLUMN_TYPES}. */
export type BigQueryColumnType = (typeof BIGQUERY_COLUMN_TYPES)[number];

/** Whether a column may be empty, must be set, or holds a list. */
export const COLUMN_MODES = ['NULLABLE', 'REQUIRED', 'REPEATED'] as const;

/** One of {@link COLUMN_MODES}; NULLABLE when a column names none. */
export type ColumnMode = (typeof COLUMN_MODES)[number];

/** A column's mode, NULLABLE when it names none, as BigQuery reads it. */
export const columnModeOf = <M extends string>(mode?: M): M | 'NULLABLE' =>
  mode ?? 'NULLABLE';

/** What a column name is compared by: BigQuery ignores case, `Order_ID` is `order_id`. */
export const columnKey = (name: string) => name.toLowerCase();

/** What each type holds, in words, for the form's list and the Contract tab. */
export const BIGQUERY_COLUMN_TYPE_WORDS: Record<BigQueryColumnType, string> = {
  STRING: 'Text',
  INT64: 'Whole number',
  FLOAT64: 'Decimal number (approximate)',
  NUMERIC: 'Decimal number (exact, e.g. money)',
  BIGNUMERIC: 'Very large exact decimal number',
  BOOL: 'True or false',
  DATE: 'Calendar day',
  DATETIME: 'Day and time, no time zone',
  TIME: 'Time of day',
  TIMESTAMP: 'Instant in time (UTC)',
  BYTES: 'Binary data',
  GEOGRAPHY: 'Place or shape on Earth',
  JSON: 'JSON document',
};
