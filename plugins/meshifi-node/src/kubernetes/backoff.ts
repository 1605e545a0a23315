/** How long a watch waits before trying again after failures in a row. */
export interface Backoff {
  /** The wait after the first failure. Default 1 s. */
  initialMs?: number;
  /**
   * The longest wait. Default 5 s: short, because while a cluster is back
   * but its watch still waits, pages show it as unreachable.
   */
  maxMs?: number;
}

export const DEFAULT_BACKOFF: Required<Backoff> = {
  initialMs: 1_000,
  maxMs: 5_000,
};

/** The wait after `failures` failures in a row (1 or more): doubling, capped. */
export function backoffDelay(failures: number, backoff: Backoff = {}): number {
  const { initialMs, maxMs } = { ...DEFAULT_BACKOFF, ...backoff };
  // The exponent is capped too, so that a long outage never overflows.
  const doublings = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(maxMs, initialMs * 2 ** doublings);
}
