import { InputError } from '@backstage/errors';
import { ColumnAnswer, OutputPort, OutputPortAnswer } from '@meshifi/common';

/** More tables read than any product reads: a bound on the catalog look-ups one request makes. */
export const PLAN_MAX_INPUT_PORTS = 50;

const SHAPE =
  'Send the output table as {"name": "orders", "columns": [{"name": "order_id", "type": "STRING", "required": true}], "primaryKey": ["order_id"], "refreshEvery": "1d"} and the tables read as a list of API entity refs.';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optional = (value: unknown, type: 'string' | 'boolean') =>
  value === undefined || value === null || typeof value === type;

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(item => typeof item === 'string');

function columnAnswer(value: unknown): ColumnAnswer {
  if (
    !isObject(value) ||
    typeof value.name !== 'string' ||
    typeof value.type !== 'string' ||
    !optional(value.description, 'string') ||
    !optional(value.required, 'boolean') ||
    !optional(value.personalData, 'boolean')
  ) {
    throw new InputError(
      `Each column needs a name and a type as text, and may say whether it is required or personal data. ${SHAPE}`,
    );
  }
  return value as unknown as ColumnAnswer;
}

/**
 * The Create page's output table, or an InputError saying what to send.
 * Only the types are checked here, so that nothing below trips on a number
 * where a name was meant: what is wrong with the values is the plan's to
 * say, in the form's words.
 */
export function parseOutputPortAnswer(
  value: unknown,
): OutputPortAnswer | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (
    !isObject(value) ||
    !optional(value.name, 'string') ||
    !optional(value.description, 'string') ||
    !optional(value.refreshEvery, 'string') ||
    !(value.primaryKey === undefined || isStringList(value.primaryKey)) ||
    !(value.columns === undefined || Array.isArray(value.columns))
  ) {
    throw new InputError(SHAPE);
  }
  return {
    ...(value as OutputPortAnswer),
    ...(value.columns
      ? { columns: (value.columns as unknown[]).map(columnAnswer) }
      : {}),
  };
}

/**
 * Output ports already in the model's shape (an imported contract's): a
 * list of objects, whose fields the plan checks with the product.
 */
export function parseOutputPorts(value: unknown): OutputPort[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new InputError(
      `outputPorts must be a list of output ports. ${SHAPE}`,
    );
  }
  return value as OutputPort[];
}

/** The API entity refs of the tables read, or an InputError. */
export function parseInputPortRefs(value: unknown): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isStringList(value)) {
    throw new InputError(`inputPorts must be a list of entity refs. ${SHAPE}`);
  }
  if (value.length > PLAN_MAX_INPUT_PORTS) {
    throw new InputError(
      `Pick at most ${PLAN_MAX_INPUT_PORTS} tables to read; this request has ${value.length}.`,
    );
  }
  return value;
}
