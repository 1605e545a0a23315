/**
 * A freshness duration (`30m`, `1h`, `7d`) as an ODCS SLA value and unit.
 * ODCS names its units by ISO 80000 symbols (`d` for days), so minutes are
 * `min`: a bare `m` could be read as months.
 */
const UNIT_OF_SUFFIX = { m: 'min', h: 'h', d: 'd' } as const;

type DurationSuffix = keyof typeof UNIT_OF_SUFFIX;

const DURATION = /^([1-9][0-9]{0,3})([mhd])$/;

/** A meshifi duration as an SLA value and unit, or undefined if it is none. */
export function slaValueOf(
  duration: string,
): { value: number; unit: string } | undefined {
  const match = DURATION.exec(duration);
  if (!match) {
    return undefined;
  }
  return {
    value: Number(match[1]),
    unit: UNIT_OF_SUFFIX[match[2] as DurationSuffix],
  };
}

/** The spellings of a unit ODCS documents accept, and what each is in meshifi. */
const SUFFIX_OF_UNIT: Record<
  string,
  { suffix: DurationSuffix; times: number }
> = {
  min: { suffix: 'm', times: 1 },
  mins: { suffix: 'm', times: 1 },
  minute: { suffix: 'm', times: 1 },
  minutes: { suffix: 'm', times: 1 },
  h: { suffix: 'h', times: 1 },
  hr: { suffix: 'h', times: 1 },
  hrs: { suffix: 'h', times: 1 },
  hour: { suffix: 'h', times: 1 },
  hours: { suffix: 'h', times: 1 },
  d: { suffix: 'd', times: 1 },
  day: { suffix: 'd', times: 1 },
  days: { suffix: 'd', times: 1 },
  w: { suffix: 'd', times: 7 },
  wk: { suffix: 'd', times: 7 },
  week: { suffix: 'd', times: 7 },
  weeks: { suffix: 'd', times: 7 },
};

/** The units {@link durationOfSla} reads, for messages. */
export const SLA_UNITS_READ = 'min, h, d or weeks';

/** The longest duration meshifi keeps, in any unit: four digits. */
const MAX_AMOUNT = 9999;

/** A number, or a number written as digits (ODCS allows either). */
function amountOf(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  return typeof value === 'string' && /^[0-9]{1,6}$/.test(value.trim())
    ? Number(value.trim())
    : NaN;
}

/**
 * An SLA value and unit as a meshifi duration, or undefined when the value
 * is not a whole number above 0 that fits, or the unit is not a time meshifi
 * can keep (minutes, hours, days, weeks).
 */
export function durationOfSla(
  value: unknown,
  unit: unknown,
): string | undefined {
  const amount = amountOf(value);
  if (typeof unit !== 'string') {
    return undefined;
  }
  const key = unit.trim().toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(SUFFIX_OF_UNIT, key)) {
    return undefined;
  }
  const { suffix, times } = SUFFIX_OF_UNIT[key];
  const total = amount * times;
  if (!Number.isInteger(total) || total < 1 || total > MAX_AMOUNT) {
    return undefined;
  }
  return `${total}${suffix}`;
}
