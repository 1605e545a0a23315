import {
  BIGQUERY_COLUMN_TYPES,
  BigQueryColumnType,
} from '../contract/bigQueryTypes';

/** The logical types of an ODCS v3.1.0 schema property. */
export const ODCS_LOGICAL_TYPES = [
  'string',
  'date',
  'timestamp',
  'time',
  'number',
  'integer',
  'object',
  'array',
  'boolean',
] as const;

/** One of {@link ODCS_LOGICAL_TYPES}. */
export type OdcsLogicalType = (typeof ODCS_LOGICAL_TYPES)[number];

/**
 * The ODCS logical type of each BigQuery type: what a reader who does not
 * know BigQuery can expect. A GEOGRAPHY is written as WKT text, BYTES as
 * base64 text and JSON as a document, which is how BigQuery exports them.
 */
export const ODCS_LOGICAL_TYPE_OF: Record<BigQueryColumnType, OdcsLogicalType> =
  {
    STRING: 'string',
    INT64: 'integer',
    FLOAT64: 'number',
    NUMERIC: 'number',
    BIGNUMERIC: 'number',
    BOOL: 'boolean',
    DATE: 'date',
    DATETIME: 'timestamp',
    TIME: 'time',
    TIMESTAMP: 'timestamp',
    BYTES: 'string',
    GEOGRAPHY: 'string',
    JSON: 'object',
  };

/**
 * The options ODCS lets a logical type carry that BigQuery's type decides:
 * the size of a number, whether a timestamp has a time zone, the encoding of
 * bytes. Only those ODCS defines for the logical type are given.
 */
export const ODCS_LOGICAL_TYPE_OPTIONS_OF: Partial<
  Record<BigQueryColumnType, Record<string, string | boolean>>
> = {
  INT64: { format: 'i64' },
  FLOAT64: { format: 'f64' },
  DATETIME: { timezone: false },
  TIMESTAMP: { timezone: true },
  BYTES: { format: 'byte' },
};

/**
 * The BigQuery type of a logical type when a contract gives no physical
 * type: the type that holds every value of it without loss.
 */
const BIGQUERY_TYPE_OF_LOGICAL: Record<
  Exclude<OdcsLogicalType, 'array'>,
  BigQueryColumnType
> = {
  string: 'STRING',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  time: 'TIME',
  number: 'NUMERIC',
  integer: 'INT64',
  object: 'JSON',
  boolean: 'BOOL',
};

/**
 * The BigQuery type of an ODCS logical type, or undefined for `array`
 * (whose items say the type) and for a name ODCS does not define. A
 * timestamp without a time zone is a DATETIME; a number of 64 bits a FLOAT64.
 */
export function bigQueryTypeOfLogical(
  logicalType: string,
  options: { format?: unknown; timezone?: unknown } = {},
): BigQueryColumnType | undefined {
  if (logicalType === 'timestamp' && options.timezone === false) {
    return 'DATETIME';
  }
  if (logicalType === 'number' && options.format === 'f64') {
    return 'FLOAT64';
  }
  return Object.prototype.hasOwnProperty.call(
    BIGQUERY_TYPE_OF_LOGICAL,
    logicalType,
  )
    ? BIGQUERY_TYPE_OF_LOGICAL[
        logicalType as keyof typeof BIGQUERY_TYPE_OF_LOGICAL
      ]
    : undefined;
}

/**
 * The names BigQuery's legacy SQL and its table API give some types, which
 * contracts written from a table's schema often use.
 */
const BIGQUERY_TYPE_ALIASES: Record<string, BigQueryColumnType> = {
  INTEGER: 'INT64',
  FLOAT: 'FLOAT64',
  BOOLEAN: 'BOOL',
  DECIMAL: 'NUMERIC',
  BIGDECIMAL: 'BIGNUMERIC',
};

/** A BigQuery type as a physical type names it, and whether it is a list. */
export interface PhysicalBigQueryType {
  type: BigQueryColumnType;
  repeated: boolean;
}

const ARRAY_TYPE = /^ARRAY\s*<\s*([A-Z0-9_]+)\s*>$/;

/**
 * Reads a physical type as BigQuery names it (`STRING`, `int64`,
 * `ARRAY<STRING>`, or a legacy name such as `INTEGER`), or undefined when it
 * is not one of {@link BIGQUERY_COLUMN_TYPES}.
 */
export function bigQueryTypeOfPhysical(
  physicalType: string,
): PhysicalBigQueryType | undefined {
  const upper = physicalType.trim().toUpperCase();
  const array = ARRAY_TYPE.exec(upper);
  const type = scalarBigQueryType(array ? array[1] : upper);
  return type ? { type, repeated: Boolean(array) } : undefined;
}

function scalarBigQueryType(name: string): BigQueryColumnType | undefined {
  if ((BIGQUERY_COLUMN_TYPES as readonly string[]).includes(name)) {
    return name as BigQueryColumnType;
  }
  return Object.prototype.hasOwnProperty.call(BIGQUERY_TYPE_ALIASES, name)
    ? BIGQUERY_TYPE_ALIASES[name]
    : undefined;
}

/** The physical type of a column: its type, or `ARRAY<type>` for a list. */
export function physicalTypeOf(
  type: BigQueryColumnType,
  repeated: boolean,
): string {
  return repeated ? `ARRAY<${type}>` : type;
}
