import { BigQueryColumnType } from '../contract/bigQueryTypes';
import { OutputPort } from '../model/types';
import { Problem } from '../validation/Problem';

/** One column as the Create page's "Output table" step asks for it. */
export interface ColumnAnswer {
  name: string;
  type: string;
  /** Whether every row has a value: REQUIRED, else NULLABLE. */
  required?: boolean;
  description?: string;
  personalData?: boolean;
}

/** The first output port as the Create page's "Output table" step asks for it. */
export interface OutputPortAnswer {
  name?: string;
  description?: string;
  columns?: ColumnAnswer[];
  primaryKey?: string[];
  /** How often the table is refreshed: 1h, 1d or 7d on the form. */
  refreshEvery?: string;
}

const blank = (text?: string) => !text?.trim();

/**
 * The output port an analyst declared on the form, in the model's shape:
 * none when the optional step was left empty, a problem when it has
 * columns but no name. The contract itself is checked with the product
 * (validateDataProduct), which says what is wrong in the form's words.
 */
export function outputPortFromAnswer(answer: OutputPortAnswer | undefined): {
  port?: OutputPort;
  problems: Problem[];
} {
  const columns = answer?.columns ?? [];
  if (!answer || (blank(answer.name) && columns.length === 0)) {
    return { problems: [] };
  }
  if (blank(answer.name)) {
    return {
      problems: [
        {
          path: 'spec.outputPorts.0.name',
          message:
            'Give the output table a name, such as orders_by_day, or remove its columns to offer no table yet.',
        },
      ],
    };
  }
  const primaryKey = (answer.primaryKey ?? []).filter(key => !blank(key));
  const port: OutputPort = {
    name: answer.name!.trim(),
    ...(blank(answer.description)
      ? {}
      : { description: answer.description!.trim() }),
    contract: {
      columns: columns.map(column => ({
        name: column.name,
        // The schema refuses a type BigQuery does not have, listing those it has.
        type: column.type as BigQueryColumnType,
        ...(column.required ? { mode: 'REQUIRED' as const } : {}),
        ...(blank(column.description)
          ? {}
          : { description: column.description!.trim() }),
        ...(column.personalData ? { personalData: true } : {}),
      })),
      ...(primaryKey.length ? { primaryKey } : {}),
      ...(blank(answer.refreshEvery)
        ? {}
        : { freshness: { refreshEvery: answer.refreshEvery! } }),
    },
  };
  return { port, problems: [] };
}
