import { columnModeOf } from '../contract/bigQueryTypes';
import { ContractColumn } from '../model/types';

/** BigQuery's limit on a column's description. */
export const COLUMN_DESCRIPTION_MAX_LENGTH = 1024;

/** What starts the description of a column holding personal data. */
export const PERSONAL_DATA_MARK = 'Personal data.';

/** One field of a BigQuery table's schema, as the tables API takes it. */
export interface BigQueryField {
  name: string;
  type: string;
  mode: string;
  description?: string;
}

/**
 * A column's description as BigQuery shows it. A column holding personal
 * data says so first: the description is the one place per column that
 * every reader sees (in the console, in INFORMATION_SCHEMA and in the
 * catalog), where a label would be on the whole table only. Policy tags
 * would restrict who reads the column; they are not meshifi's to set yet.
 * The contract allows BigQuery's full length, so with the mark a long
 * description is shortened to fit rather than refused by BigQuery.
 */
function columnDescription(column: ContractColumn): string | undefined {
  if (!column.personalData) {
    return column.description || undefined;
  }
  if (!column.description) {
    return PERSONAL_DATA_MARK;
  }
  const marked = `${PERSONAL_DATA_MARK} ${column.description}`;
  return marked.length <= COLUMN_DESCRIPTION_MAX_LENGTH
    ? marked
    : `${marked.slice(0, COLUMN_DESCRIPTION_MAX_LENGTH - 1)}…`;
}

/** A contract's columns as BigQuery schema fields, in the contract's order. */
export function bigQueryFields(columns: ContractColumn[]): BigQueryField[] {
  return columns.map(column => {
    const description = columnDescription(column);
    return {
      name: column.name,
      // The GoogleSQL names (INT64, BOOL): BigQuery takes them, and the
      // provider counts INT64 and the INTEGER BigQuery reports back as one.
      type: column.type,
      // Written out even when NULLABLE, as BigQuery reports it back.
      mode: columnModeOf(column.mode),
      ...(description ? { description } : {}),
    };
  });
}

/**
 * A table's schema as the provider's `schema` field takes it: the JSON of
 * BigQuery's field list.
 */
export function bigQueryTableSchema(columns: ContractColumn[]): string {
  return JSON.stringify(bigQueryFields(columns));
}

/** Whether any column holds personal data. */
export function hasPersonalData(columns: ContractColumn[]): boolean {
  return columns.some(column => column.personalData === true);
}
