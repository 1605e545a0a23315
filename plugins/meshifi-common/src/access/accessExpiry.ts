import { DATE_PATTERN } from '../schema/patterns';

const DAY_MS = 24 * 60 * 60 * 1000;
const datePattern = new RegExp(DATE_PATTERN);

/**
 * The instant a day begins in UTC, or undefined when the text is not a day
 * that exists (2027-02-30, 2027-13-01). Built with setUTCFullYear, since
 * Date.UTC reads the years 0 to 99 as 1900 to 1999.
 */
function startOfDay(day: string): Date | undefined {
  if (typeof day !== 'string' || !datePattern.test(day)) {
    return undefined;
  }
  const [year, month, date] = day.split('-').map(Number);
  const start = new Date(0);
  start.setUTCFullYear(year, month - 1, date);
  const exists =
    start.getUTCFullYear() === year &&
    start.getUTCMonth() === month - 1 &&
    start.getUTCDate() === date;
  return exists ? start : undefined;
}

/** Whether a text is a day of the calendar written YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  return startOfDay(day) !== undefined;
}

/** The day of an instant in UTC, as YYYY-MM-DD. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * When access given until `expires` (YYYY-MM-DD, the last day of access)
 * ends: the first instant of the next day in UTC. A person who asks for
 * access "until 31 March" expects to use it on the 31st, wherever they are
 * on the morning of that day; UTC is the one clock IAM and every team share.
 * Throws for a day that does not exist.
 */
export function accessEndsAt(expires: string): Date {
  const start = startOfDay(expires);
  if (!start) {
    throw new Error(
      `The expiry date "${expires}" is not a day: give the last day of access as YYYY-MM-DD, such as 2027-03-31.`,
    );
  }
  return new Date(start.getTime() + DAY_MS);
}

/** accessEndsAt in RFC 3339 without fractions, as IAM conditions and the status write it. */
export function accessEndsAtText(expires: string): string {
  return accessEndsAt(expires).toISOString().replace('.000Z', 'Z');
}

/** Why an expiry date cannot be a day, or undefined when it is one. */
export function expiryDayProblem(expires: string): string | undefined {
  return startOfDay(expires)
    ? undefined
    : `The expiry date "${expires}" is not a day of the calendar: give the last day of access as YYYY-MM-DD, such as 2027-03-31.`;
}

/** The last day a grant made `now` may run to: today (UTC) plus the maximum. */
export function latestExpiry(now: Date, maxDays: number): string {
  const today = startOfDay(utcDay(now))!;
  return utcDay(new Date(today.getTime() + maxDays * DAY_MS));
}

/** Whether access until `expires` has ended at `now`. */
export function hasEnded(expires: string, now: Date): boolean {
  return now.getTime() >= accessEndsAt(expires).getTime();
}

/**
 * Why a grant until `expires` may not be made at `now` under a maximum of
 * `maxDays`: the day does not exist, or lies further ahead than the platform
 * allows. An expiry in the past is not a problem of this kind: the grant has
 * ended (see hasEnded), which the caller says in its own words.
 */
export function expiryProblem(
  expires: string,
  now: Date,
  maxDays: number,
): string | undefined {
  const notADay = expiryDayProblem(expires);
  if (notADay) {
    return notADay;
  }
  const latest = latestExpiry(now, maxDays);
  if (expires > latest) {
    return `The expiry date ${expires} is more than ${maxDays} days away, the most the platform allows: pick ${latest} or earlier, and ask again for more when it ends.`;
  }
  return undefined;
}

/** The IAM condition that ends a grant. */
export interface ExpiryCondition {
  title: string;
  description: string;
  expression: string;
}

/**
 * The IAM condition that ends a grant when its last day ends, so that access
 * stops on time even if nothing of the platform runs then: IAM itself
 * evaluates it on every request. Titles are at most 100 characters and
 * descriptions 256 in IAM: the grant's namespace and name (each at most 63)
 * keep them well within.
 */
export function expiryCondition(
  grant: { namespace: string; name: string },
  expires: string,
): ExpiryCondition {
  const endsAt = accessEndsAtText(expires);
  return {
    title: `meshifi access expiry ${expires}`,
    description: `meshifi ends the DataAccess ${grant.namespace}/${grant.name} when ${expires} ends (UTC).`,
    expression: `request.time < timestamp("${endsAt}")`,
  };
}
