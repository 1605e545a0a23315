import { OutputPort } from '../model/types';
import { columnKey, columnModeOf as modeOf } from './bigQueryTypes';

/** A change of an output port that breaks whoever reads it. */
export interface BreakingChange {
  port: string;
  /** The column changed; none when a table or its key is. */
  column?: string;
  /** What changed, as a sentence for the product's team. */
  change: string;
}

const byName = <T extends { name: string }>(
  items: T[],
  key = (n: string) => n,
) => new Map(items.map(item => [key(item.name), item]));

function columnChanges(
  before: OutputPort,
  after: OutputPort,
): BreakingChange[] {
  const port = before.name;
  const afterColumns = byName(after.contract.columns, columnKey);
  const changes: BreakingChange[] = [];
  for (const column of before.contract.columns) {
    const now = afterColumns.get(columnKey(column.name));
    if (!now) {
      changes.push({
        port,
        column: column.name,
        change: `The column "${column.name}" of "${port}" is removed`,
      });
    } else if (now.type !== column.type) {
      changes.push({
        port,
        column: column.name,
        change: `The column "${column.name}" of "${port}" changes type from ${column.type} to ${now.type}`,
      });
    } else if (
      modeOf(now.mode) !== modeOf(column.mode) &&
      !isRelaxation(column.mode, now.mode)
    ) {
      changes.push({
        port,
        column: column.name,
        change: `The column "${column.name}" of "${port}" changes from ${modeOf(
          column.mode,
        )} to ${modeOf(now.mode)}`,
      });
    }
  }
  const keyBefore = (before.contract.primaryKey ?? []).map(columnKey).join(',');
  const keyAfter = (after.contract.primaryKey ?? []).map(columnKey).join(',');
  if (keyBefore !== keyAfter) {
    changes.push({
      port,
      change: `The primary key of "${port}" changes from (${
        before.contract.primaryKey?.join(', ') || 'none'
      }) to (${after.contract.primaryKey?.join(', ') || 'none'})`,
    });
  }
  return changes;
}

/**
 * REQUIRED → NULLABLE would break readers that rely on a value being there,
 * so only NULLABLE → REQUIRED is harmless to them: a promise made stronger.
 */
function isRelaxation(before?: string, after?: string): boolean {
  return modeOf(before) === 'NULLABLE' && modeOf(after) === 'REQUIRED';
}

/**
 * The changes from one set of output ports to the next that break a reader:
 * a table or a column removed, a column retyped or its mode loosened, a
 * primary key changed. Adding tables and nullable columns, and changing
 * words, break no one.
 */
export function breakingChanges(
  before: OutputPort[],
  after: OutputPort[],
): BreakingChange[] {
  const afterPorts = byName(after);
  return before.flatMap(port => {
    const now = afterPorts.get(port.name);
    return now
      ? columnChanges(port, now)
      : [{ port: port.name, change: `The table "${port.name}" is removed` }];
  });
}
