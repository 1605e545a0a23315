import { OutputPort } from '../model/types';
import { columnKey, columnModeOf as modeOf } from './bigQueryTypes';
import { BreakingChange } from './breakingChanges';

/**
 * Whether BigQuery can turn a column of one mode into another in a table
 * that exists: it may only relax REQUIRED to NULLABLE.
 */
const modeChangeable = (before?: string, after?: string) =>
  modeOf(before) === modeOf(after) ||
  (modeOf(before) === 'REQUIRED' && modeOf(after) === 'NULLABLE');

function portChanges(before: OutputPort, after: OutputPort): BreakingChange[] {
  const port = before.name;
  const old = new Map(
    before.contract.columns.map(column => [columnKey(column.name), column]),
  );
  return after.contract.columns.flatMap((column): BreakingChange[] => {
    const was = old.get(columnKey(column.name));
    if (!was) {
      return modeOf(column.mode) === 'REQUIRED'
        ? [
            {
              port,
              column: column.name,
              change: `BigQuery cannot add the column "${column.name}" to the table "${port}" as REQUIRED once the table exists: add it as NULLABLE`,
            },
          ]
        : [];
    }
    if (was.type !== column.type) {
      return [
        {
          port,
          column: column.name,
          change: `BigQuery cannot change the type of the column "${column.name}" of "${port}" from ${was.type} to ${column.type} in a table that exists: add a new column of type ${column.type} beside it instead, and remove the old one in a new major version once readers have moved`,
        },
      ];
    }
    if (!modeChangeable(was.mode, column.mode)) {
      return [
        {
          port,
          column: column.name,
          change: `BigQuery cannot change the column "${
            column.name
          }" of "${port}" from ${modeOf(was.mode)} to ${modeOf(
            column.mode,
          )} in a table that exists: keep its mode, or add a new column beside it`,
        },
      ];
    }
    return [];
  });
}

/**
 * The changes of output ports that BigQuery cannot make to a table that
 * already exists, whatever the product's version: a column retyped, made
 * REQUIRED or REPEATED (or no longer REPEATED), or a REQUIRED column added.
 * The provider would have to recreate the table, which meshifi never lets
 * it do to a table full of data; so the change is refused before it is
 * published rather than failing in the cluster.
 */
export function changesBigQueryCannotMake(
  before: OutputPort[],
  after: OutputPort[],
): BreakingChange[] {
  const now = new Map(after.map(port => [port.name, port]));
  return before.flatMap(port => {
    const next = now.get(port.name);
    return next ? portChanges(port, next) : [];
  });
}
