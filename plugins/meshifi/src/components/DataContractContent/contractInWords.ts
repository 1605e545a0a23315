import {
  BIGQUERY_COLUMN_TYPE_WORDS,
  ColumnMode,
  DURATION_PATTERN,
  Freshness,
  QualityRule,
} from '@meshifi/common';

const UNIT_WORDS: Record<string, [one: string, many: string]> = {
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
};

const DURATION = new RegExp(DURATION_PATTERN);

/**
 * A contract's duration (`30m`, `1h`, `2d`) as a count and its unit in
 * words; undefined for text that is not one, which is then shown as written.
 */
function parseDuration(
  duration: string,
): { count: number; unit: [string, string] } | undefined {
  if (typeof duration !== 'string' || !DURATION.test(duration)) {
    return undefined;
  }
  return {
    count: Number(duration.slice(0, -1)),
    unit: UNIT_WORDS[duration.slice(-1)],
  };
}

/** "every hour", "every 30 minutes". */
function everyInWords(duration: string): string {
  const parsed = parseDuration(duration);
  if (!parsed) {
    return `every ${duration}`;
  }
  const [one, many] = parsed.unit;
  return parsed.count === 1 ? `every ${one}` : `every ${parsed.count} ${many}`;
}

/** "2 hours", "1 day". */
export function durationInWords(duration: string): string {
  const parsed = parseDuration(duration);
  if (!parsed) {
    return String(duration);
  }
  const [one, many] = parsed.unit;
  return `${parsed.count} ${parsed.count === 1 ? one : many}`;
}

/** "Refreshed every hour; late by at most 2 hours". */
export function freshnessInWords(freshness: Freshness): string {
  const every = `Refreshed ${everyInWords(freshness.refreshEvery)}`;
  return freshness.maxDelay
    ? `${every}; late by at most ${durationInWords(freshness.maxDelay)}`
    : every;
}

/** A quality rule as a promise about the table: "order_id is never empty". */
export function qualityRuleInWords(rule: QualityRule): string {
  switch (rule.rule) {
    case 'notNull':
      return `${rule.column} is never empty`;
    case 'unique':
      return `${rule.column} is unique`;
    case 'rowCountAbove':
      return `The table has more than ${rule.value} ${
        rule.value === 1 ? 'row' : 'rows'
      }`;
    default:
      // A rule this page does not know yet: its name, rather than nothing.
      return String((rule as { rule?: unknown }).rule);
  }
}

const MODE_WORDS: Record<ColumnMode, string> = {
  REQUIRED: 'Always has a value',
  NULLABLE: 'May be empty',
  REPEATED: 'A list of values',
};

/**
 * Whether a column always has a value, may be empty, or holds a list, in the
 * Create page's words.
 */
export function columnModeInWords(mode: ColumnMode | undefined): string {
  return MODE_WORDS[mode ?? 'NULLABLE'] ?? String(mode);
}

/** What a BigQuery type holds, in words: "Whole number" for INT64. */
export function columnTypeInWords(type: string): string {
  return (
    (BIGQUERY_COLUMN_TYPE_WORDS as Record<string, string | undefined>)[type] ??
    type
  );
}
