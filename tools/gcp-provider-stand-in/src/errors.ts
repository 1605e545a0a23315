/** The HTTP status of a failed Kubernetes request, if the API server answered. */
export const httpStatusOf = (error: unknown): unknown =>
  (error as { code?: unknown } | undefined)?.code;

/**
 * What went wrong, in one line: the message of the Kubernetes Status the
 * API server answered with, else the error's first line (client-node puts
 * the whole response in its messages).
 */
export function errorMessage(error: unknown): string {
  const body = (error as { body?: unknown } | undefined)?.body;
  try {
    const status = JSON.parse(String(body)) as { message?: string };
    if (status.message) {
      return `${status.message} (HTTP ${httpStatusOf(error)})`;
    }
  } catch {
    // Not a Kubernetes Status: use the error's own message.
  }
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
