/** A logger that keeps its lines, as `info …`, `warn …` and `error …`. */
export interface CollectingLogger {
  lines: string[];
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Collects what a daemon or a watch logs, so that a test can assert on it or
 * show it when it fails. It fits the daemons' Logger and the watch's
 * WatchLogger by shape.
 */
export function collectingLogger(): CollectingLogger {
  const lines: string[] = [];
  return {
    lines,
    info: message => lines.push(`info ${message}`),
    warn: message => lines.push(`warn ${message}`),
    error: message => lines.push(`error ${message}`),
  };
}
