/**
 * How long to wait before publishing again after a push was overtaken:
 * doubling from 100 ms up to 2 s, with jitter. Another backend replica with
 * a queue of publishes pushes back to back; a short, fixed wait lost to it
 * every time until the attempts ran out, a growing one lets its queue drain.
 */
export function overtakenRetryDelayMs(
  attempt: number,
  random: () => number = Math.random,
): number {
  const delay = Math.min(2_000, 100 * 2 ** (attempt - 1));
  return delay * (0.5 + random());
}
