import { InvalidArgumentError } from 'commander';

/** The longest wait `--timeout` allows: an hour, far beyond any cluster that works. */
export const MAX_TIMEOUT_SECONDS = 3600;

/**
 * `--timeout <seconds>` of `meshifi status`: a whole number of seconds from
 * 1 to an hour. Anything else is refused by name (exit 1): a zero, a
 * negative or an unreadable value would make every read time out at once,
 * and a huge one would overflow Node's timer, which then fires at once too.
 */
export function parseTimeoutSeconds(value: string): number {
  const seconds = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw new InvalidArgumentError(
      `Give the seconds to wait for the cluster as a whole number from 1 to ${MAX_TIMEOUT_SECONDS}, for example 60.`,
    );
  }
  return seconds;
}
