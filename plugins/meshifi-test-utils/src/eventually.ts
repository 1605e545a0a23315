/** How long `eventually` tries, and what else it shows when it gives up. */
export interface EventuallyOptions {
  /** How long to keep trying: 60 s unless given (a control plane on a busy machine is slow). */
  timeoutMs?: number;
  /** The pause between two tries: 250 ms unless given. */
  intervalMs?: number;
  /** More to show when it gives up, e.g. what the daemon under test logged. */
  context?: () => string;
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Runs `check` until it returns instead of throwing, and returns what it
 * returned. `check` reads and asserts (with `expect`), so that when
 * `eventually` gives up its error says what was expected and what the last
 * try saw, not only that time ran out. A read that throws (an API server
 * restarting, a backend not yet listening) is tried again like a failed
 * assertion; the last error is the `cause` of the one thrown.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 250, context } = options;
  const deadline = Date.now() + timeoutMs;
  for (let tries = 1; ; tries++) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) {
        const more = context ? `\n${context()}` : '';
        throw new Error(
          `not passed within ${timeoutMs} ms (${tries} tries); the last try failed with:\n${messageOf(
            error,
          )}${more}`,
          { cause: error },
        );
      }
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
