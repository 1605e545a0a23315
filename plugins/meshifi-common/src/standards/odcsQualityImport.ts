import { QualityRule } from '../model/types';
import { isRecord, own, ownText, quoted } from './untrusted';

/** A check meshifi keeps as one of its rules, or why it leaves it out. */
export type ImportedCheck = { rule: QualityRule } | { leftOut: string };

const onWhat = (column: string | undefined) =>
  column === undefined ? ' on the table' : ` on the column ${quoted(column)}`;

/**
 * One ODCS quality check as a meshifi rule. meshifi keeps the checks it can
 * promise: no empty value and no repeated value in a column (ODCS's library
 * metrics nullValues and duplicateValues at 0), and more rows than a number
 * in the table (rowCount above it). Any other check is left out, saying
 * which.
 */
export function ruleOfOdcsCheck(
  check: unknown,
  column: string | undefined,
): ImportedCheck {
  if (!isRecord(check)) {
    return { leftOut: `A quality check${onWhat(column)} that is not a check.` };
  }
  // ODCS 3.0 named the metric `rule`; 3.1 keeps it as a deprecated name.
  const metric = ownText(check, 'metric') ?? ownText(check, 'rule');
  const type = ownText(check, 'type') ?? 'library';
  if (type === 'library' && column !== undefined) {
    if (metric === 'nullValues' && own(check, 'mustBe') === 0) {
      return { rule: { rule: 'notNull', column } };
    }
    if (metric === 'duplicateValues' && own(check, 'mustBe') === 0) {
      return { rule: { rule: 'unique', column } };
    }
  }
  if (type === 'library' && column === undefined && metric === 'rowCount') {
    const value = rowsAbove(check);
    if (value !== undefined) {
      return { rule: { rule: 'rowCountAbove', value } };
    }
  }
  const name =
    ownText(check, 'name') ?? ownText(check, 'description') ?? metric ?? type;
  return {
    leftOut: `The quality check ${quoted(name)}${onWhat(
      column,
    )}: meshifi keeps only "no empty values" and "no repeated values" on a column and "more than N rows" on a table.`,
  };
}

/** The number of rows a row count must be above, when a check says so. */
function rowsAbove(check: Record<string, unknown>): number | undefined {
  const above = own(check, 'mustBeGreaterThan');
  if (typeof above === 'number' && Number.isSafeInteger(above) && above >= 0) {
    return above;
  }
  const atLeast = own(check, 'mustBeGreaterOrEqualTo');
  if (
    typeof atLeast === 'number' &&
    Number.isSafeInteger(atLeast) &&
    atLeast >= 1
  ) {
    return atLeast - 1;
  }
  return undefined;
}
